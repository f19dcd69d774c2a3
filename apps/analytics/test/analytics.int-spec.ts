import { describeServiceBasics } from '@ecom/testing';

import { analyticsService } from '../src/service';

describeServiceBasics(analyticsService);
