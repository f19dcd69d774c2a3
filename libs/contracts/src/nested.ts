import { plainToInstance, Transform } from 'class-transformer';

/**
 * Turns a nested plain object (or an array of them) into instances of `type` so that `@ValidateNested`
 * checks them. `Transform` and not `Type`, which would need reflect-metadata in every importer.
 */
export function NestedInstance(type: new () => object): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'object' && value !== null ? plainToInstance(type, value) : value,
  );
}
