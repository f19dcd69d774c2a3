import { IsISO8601, IsOptional, Length } from 'class-validator';

/** An optional calendar date `YYYY-MM-DD` (no time, no zone), as registration and profile take it. */
export function OptionalDateOfBirth(): PropertyDecorator {
  const decorators = [
    IsOptional(),
    IsISO8601({ strict: true }),
    Length(10, 10, { message: 'date_of_birth must be a date (YYYY-MM-DD)' }),
  ];

  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}
