import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { ErrorCode } from '@ecom/contracts';
import { DomainError, LOGGER, type Logger } from '@ecom/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';
import { requestIdOf } from './edge-headers';

/** Errors raised by the HTTP layer itself (routing, parsing), by status. */
const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Every error answer of the gateway is a problem details document with a stable `code` and the request id. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const error = toDomainError(exception, this.logger);
    const problem = toProblem(error.code, error.message, requestIdOf(request), {
      errors: error.errors,
      instance: request.url.split('?')[0],
    });
    void http.getResponse<FastifyReply>().status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  }
}

function toDomainError(exception: unknown, logger: Logger): DomainError {
  if (exception instanceof DomainError) {
    if (exception.status >= 500) logger.warn(exception.message, { code: exception.code });

    return exception;
  }
  if (exception instanceof ThrottlerException) return new DomainError('RATE_LIMITED');
  const status = httpStatusOf(exception);
  const code = status === undefined ? undefined : HTTP_STATUS_CODES[status];
  if (code) return new DomainError(code, status === 400 ? messageOf(exception) : undefined);
  logger.error('Unhandled error', { error: exception });

  return new DomainError('INTERNAL');
}

function httpStatusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;

  return typeof statusCode === 'number' ? statusCode : undefined;
}

function messageOf(exception: unknown): string {
  return exception instanceof Error ? exception.message : 'The request could not be read';
}
