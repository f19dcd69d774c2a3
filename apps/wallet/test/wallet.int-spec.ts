import { describeServiceBasics } from '@ecom/testing';

import { walletService } from '../src/service';

describeServiceBasics(walletService);
