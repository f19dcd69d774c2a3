import { ServiceConfig } from '@ecom/platform';

/** Settings of the analytics service; every one is an environment variable of the same name. */
export class AnalyticsConfig extends ServiceConfig {}
