import { describeServiceBasics } from '@ecom/testing';

import { paymentService } from '../src/service';

describeServiceBasics(paymentService);
