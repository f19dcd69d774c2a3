import { SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const IDEMPOTENT_KEY = 'ecom:idempotent';

/**
 * A POST that moves money or stock: an `Idempotency-Key` header makes a retry answer the first result,
 * and the same key with another body answer 409.
 */
export function Idempotent(): MethodDecorator {
  return (target, property, descriptor) => {
    SetMetadata(IDEMPOTENT_KEY, true)(target, property, descriptor);
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Unique per intended operation (a UUID); retries with the same key and body replay the first answer',
    })(target, property, descriptor);
  };
}
