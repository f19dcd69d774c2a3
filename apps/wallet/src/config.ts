import { ServiceConfig } from '@ecom/platform';

/** Settings of the wallet service; every one is an environment variable of the same name. */
export class WalletConfig extends ServiceConfig {}
