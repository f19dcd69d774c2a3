import { describeServiceBasics } from '@ecom/testing';

import { marketplaceService } from '../src/service';

describeServiceBasics(marketplaceService);
