import { Controller, Get, Inject, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  rideLiveSubject,
  TRANSPORT_SUBJECTS,
  type Caller,
  type RideLiveUpdate,
  type RideView,
} from '@ecom/contracts';
import { DomainError, NATS_CONNECTION, Naming, ServiceClient } from '@ecom/platform';
import type { FastifyReply } from 'fastify';
import { JSONCodec, type NatsConnection } from 'nats';

import { ApiProblems, CurrentCaller } from '../edge';

const codec = JSONCodec<RideLiveUpdate>();
/** Proxies drop idle connections after about a minute; a comment line every 20 s keeps the stream open. */
const KEEP_ALIVE_MS = 20_000;
const FINAL: readonly string[] = ['completed', 'cancelled'];

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The rider's live view of a ride (Server-Sent Events): status changes and the driver's positions,
 * relayed from transport's core-NATS subject of that ride. Only the ride's customer may listen.
 */
@ApiTags('transport')
@ApiBearerAuth()
@Controller('transport/rides')
export class RideStreamController {
  constructor(
    private readonly transport: ServiceClient,
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly naming: Naming,
  ) {}

  @Get(':id/stream')
  @ApiOperation({
    summary: 'Live status and driver positions of one of the caller’s rides (text/event-stream)',
    description:
      'Events `status` and `position`, each a RideLiveUpdate in JSON; the current status first. A comment ' +
      'line every 20 s keeps the connection open; the stream ends after `completed` or `cancelled`.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream' })
  @ApiProblems(400, 401, 404, 429, 503, 504)
  async stream(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentCaller() caller: Caller,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ride = await this.transport.request<RideView>(TRANSPORT_SUBJECTS.getRide, { ride_id: id });
    // The driver (or an admin) may read the ride, but the live stream is the rider's.
    if (ride.customer_id !== caller.user_id) throw new DomainError('RIDE_NOT_FOUND');

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const subscription = this.connection.subscribe(this.naming.rpc(rideLiveSubject(id)));
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const end = (): void => {
      clearInterval(keepAlive);
      subscription.unsubscribe();
      if (!raw.writableEnded) raw.end();
    };
    raw.on('close', end);
    const position = ride.driver?.position ?? null;
    raw.write(
      sse('status', {
        ride_id: id,
        kind: 'status',
        status: ride.status,
        position,
        at: new Date().toISOString(),
      }),
    );
    if (FINAL.includes(ride.status)) {
      end();

      return;
    }
    void (async () => {
      for await (const message of subscription) {
        const update = codec.decode(message.data);
        raw.write(sse(update.kind, update));
        if (update.kind === 'status' && FINAL.includes(update.status)) break;
      }
      end();
    })();
  }
}
