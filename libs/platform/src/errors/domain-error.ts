import { ERROR_CATALOG, isErrorCode, type ErrorCode, type FieldError, type WireError } from '@ecom/contracts';

/**
 * An expected failure with a stable code. Thrown anywhere in a service, it crosses NATS as
 * `{ code, message, details, errors }` and becomes a problem details document at the gateway.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOG[code].title,
    readonly details?: Record<string, unknown>,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }

  toWire(): WireError {
    return { code: this.code, message: this.message, details: this.details, errors: this.errors };
  }

  /** Rebuilds an error answered by another service; anything unrecognisable is an internal error. */
  static fromWire(wire: unknown): DomainError {
    if (typeof wire === 'object' && wire !== null && isErrorCode((wire as WireError).code)) {
      const { code, message, details, errors } = wire as WireError;

      return new DomainError(code, typeof message === 'string' ? message : undefined, details, errors);
    }

    return new DomainError('INTERNAL');
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[]) {
    super(
      'VALIDATION_FAILED',
      errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      undefined,
      errors,
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message?: string) {
    super('FORBIDDEN', message);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(subject: string) {
    super('SERVICE_UNAVAILABLE', `No service answers ${subject}`, { subject });
  }
}

export class ServiceTimeoutError extends DomainError {
  constructor(subject: string, timeoutMs: number) {
    super('SERVICE_TIMEOUT', `${subject} did not answer within ${timeoutMs} ms`, { subject });
  }
}
