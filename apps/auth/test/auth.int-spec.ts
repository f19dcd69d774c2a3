import { describeServiceBasics } from '@ecom/testing';

import { authService } from '../src/service';

describeServiceBasics(authService);
