import { ServiceConfig } from '@ecom/platform';

/** Settings of the payment service; every one is an environment variable of the same name. */
export class PaymentConfig extends ServiceConfig {}
