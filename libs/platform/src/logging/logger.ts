import type { LoggerService } from '@nestjs/common';
import {
  createLogger as createWinstonLogger,
  format,
  transports,
  type Logger as WinstonLogger,
} from 'winston';
import type Transport from 'winston-transport';

import { currentContext } from '../context/request-context';
import { redact } from './redaction';

/** The app's JSON logger (winston). */
export type Logger = WinstonLogger;

const SPLAT = Symbol.for('splat');

/** Adds the request context (request id, caller, subject) to every line written while it is active. */
const withRequestContext = format((info) => {
  const context = currentContext();
  if (context) {
    info['request_id'] ??= context.requestId;
    info['correlation_id'] ??= context.correlationId;
    if (context.caller) info['user_id'] ??= context.caller.user_id;
    if (context.subject) info['subject'] ??= context.subject;
  }

  return info;
});

/** Applied to every entry, whatever the call site passed: message, metadata and errors. */
const redactSecrets = format((info) => {
  const clean = redact({ ...info }) as Record<string | symbol, unknown>;
  for (const key of Object.keys(info)) info[key] = clean[key];
  Reflect.deleteProperty(info, SPLAT);

  return info;
});

export interface LoggerOptions {
  service: string;
  level: string;
  /** Where lines go; stdout by default. Tests pass a capturing transport. */
  transport?: Transport;
}

/** One JSON object a line with `service`, `request_id`, `user_id` and `subject`, secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  return createWinstonLogger({
    level: options.level,
    defaultMeta: { service: options.service },
    format: format.combine(
      format.errors({ stack: true }),
      withRequestContext(),
      redactSecrets(),
      format.timestamp(),
      format.json(),
    ),
    transports: [options.transport ?? new transports.Console()],
  });
}

/** Routes Nest's own logs (startup, routes, exceptions) through the same JSON logger. */
export class NestWinstonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info(String(message), { context });
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.logger.error(String(message), { stack: stackOrContext, context });
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn(String(message), { context });
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug(String(message), { context });
  }

  verbose(message: unknown, context?: string): void {
    this.logger.debug(String(message), { context });
  }
}
