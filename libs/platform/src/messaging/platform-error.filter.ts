import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ERROR_CATALOG } from '@ecom/contracts';
import type { FastifyReply } from 'fastify';
import { throwError, type Observable } from 'rxjs';

import { DomainError } from '../errors/domain-error';
import type { Logger } from '../logging/logger';

/**
 * A service's errors leave in the form its caller reads: over NATS as `{ code, message, details, errors }`,
 * over HTTP (health, metrics) as a problem details document. Anything that is not a DomainError is logged
 * with its stack (inside the request context) and leaves as a generic INTERNAL error: internals never leave.
 */
@Catch()
export class PlatformErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | undefined {
    const isMessage = host.getType() === 'rpc';
    const error = this.toDomainError(exception, isMessage);
    if (isMessage) return throwError(() => error.toWire());
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(error.status).type('application/problem+json').send({
      title: ERROR_CATALOG[error.code].title,
      status: error.status,
      code: error.code,
      detail: error.message,
    });

    return undefined;
  }

  private toDomainError(exception: unknown, isMessage: boolean): DomainError {
    if (exception instanceof DomainError) {
      if (exception.status >= 500)
        this.logger.error(exception.message, { code: exception.code, details: exception.details });

      return exception;
    }
    if (exception instanceof HttpException && exception.getStatus() === 404)
      return new DomainError('ROUTE_NOT_FOUND');
    this.logger.error(isMessage ? 'Unhandled error in message handler' : 'Unhandled error', {
      error: exception,
    });

    return new DomainError('INTERNAL');
  }
}
