import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@ecom/contracts';

import { ValidationFailedError } from './domain-error';

/** Flattens nested class-validator errors into `field.path: message` entries. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));

    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** The one validation policy of the platform: unknown fields are refused and named, types converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(toFieldErrors(errors)),
  });
}
