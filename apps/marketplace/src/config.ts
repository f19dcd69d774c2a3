import { ServiceConfig } from '@ecom/platform';

/** Settings of the marketplace service; every one is an environment variable of the same name. */
export class MarketplaceConfig extends ServiceConfig {}
