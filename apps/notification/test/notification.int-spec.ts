import { describeServiceBasics } from '@ecom/testing';

import { notificationService } from '../src/service';

describeServiceBasics(notificationService);
