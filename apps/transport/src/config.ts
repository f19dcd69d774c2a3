import { ServiceConfig } from '@ecom/platform';

/** Settings of the transport service; every one is an environment variable of the same name. */
export class TransportConfig extends ServiceConfig {}
