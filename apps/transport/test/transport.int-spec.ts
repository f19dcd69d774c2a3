import { describeServiceBasics } from '@ecom/testing';

import { transportService } from '../src/service';

describeServiceBasics(transportService);
