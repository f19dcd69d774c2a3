// The bare baseline's edge: plain fastify, one GET route relaying to the bare service over NATS
// request-reply and answering the same JSON as the gateway's `GET /api/v1/status/auth`.
import { fastify } from 'fastify';
import { connect } from 'nats';

import { bareSubject, requireEnv, type BarePingReply } from './bare-env';

/** The gateway's timeout for a status ping. */
const PING_TIMEOUT_MS = 1500;
const decoder = new TextDecoder();

async function main(): Promise<void> {
  const connection = await connect({
    servers: requireEnv(process.env, 'NATS_URL').split(','),
    name: 'bench-bare-edge',
  });
  const subject = bareSubject(process.env['NATS_PREFIX'] ?? '');
  const app = fastify({ logger: false });
  app.get('/api/v1/status/auth', async (_request, reply) => {
    try {
      const message = await connection.request(subject, undefined, { timeout: PING_TIMEOUT_MS });
      const ping = JSON.parse(decoder.decode(message.data)) as BarePingReply;

      return {
        name: ping.service,
        version: ping.version,
        ready: ping.ready,
        schema_version: ping.schema_version,
      };
    } catch (error) {
      return reply.code(503).send({ error: String(error) });
    }
  });
  await app.listen({
    host: requireEnv(process.env, 'HTTP_HOST'),
    port: Number(requireEnv(process.env, 'HTTP_PORT')),
  });
  const stop = (): void => {
    void app
      .close()
      .then(() => connection.drain())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write('bare edge ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
