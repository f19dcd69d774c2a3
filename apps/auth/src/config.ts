import { ServiceConfig } from '@ecom/platform';

/** Settings of the auth service; every one is an environment variable of the same name. */
export class AuthConfig extends ServiceConfig {}
