import { Readable } from 'node:stream';

import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The one route whose exact bytes matter: providers sign the raw body of their callbacks. */
export const WEBHOOK_ROUTE = '/api/v1/payments/webhooks/:provider';

/** Callbacks are small; a larger body is refused before it is buffered. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

/**
 * Keeps the raw bytes of provider callbacks beside the parsed body (`request.rawBody`), for that route
 * only: every other route pays one string comparison. The bytes are handed back to Fastify's own parser
 * unchanged, so content types and body limits behave as everywhere else.
 */
export function keepWebhookRawBody(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request: RawBodyRequest<FastifyRequest>, _reply, payload) => {
    if (request.routeOptions.url !== WEBHOOK_ROUTE) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > WEBHOOK_BODY_LIMIT) {
        throw Object.assign(new Error('Request body is too large'), {
          statusCode: 413,
          code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        });
      }
      chunks.push(buffer);
    }
    const raw = Buffer.concat(chunks);
    request.rawBody = raw;

    return Readable.from([raw]);
  });
}
