import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * A POST that moves money or stock: an `Idempotency-Key` header makes a retry answer the first result,
 * and the same key with another body answer 409. Only such routes pay for the check.
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Unique per intended operation (a UUID); retries with the same key and body replay the first answer',
    }),
  );
}
