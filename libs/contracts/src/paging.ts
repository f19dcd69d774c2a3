import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** A page of a listing (API.md: `limit` 20 by default, 100 at most): `cursor` is the previous page's `next_cursor`. */
export class PageRequest {
  @IsOptional()
  // From a query string; `Transform` and not `Type`, which would need reflect-metadata in every importer.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Every listing answers `{ items, next_cursor }`; `next_cursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
