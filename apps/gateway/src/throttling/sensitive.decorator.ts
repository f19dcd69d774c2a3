import { SetMetadata } from '@nestjs/common';

export const SENSITIVE_KEY = 'ecom:sensitive';

/** A route open to abuse (OTP, login, orders, payments): the stricter per-address limit applies too. */
export const Sensitive = (): MethodDecorator & ClassDecorator => SetMetadata(SENSITIVE_KEY, true);
