import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AUTH_EVENTS, type EventEnvelope, type UserStatusEvent } from '@ecom/contracts';
import { LOGGER, Naming, NATS_CONNECTION, type Logger } from '@ecom/platform';
import { DeliverPolicy, type ConsumerMessages, type NatsConnection } from 'nats';

import { GatewayConfig } from '../config';

/** Retry pace while the events stream does not exist yet (no service has started). */
const RETRY_MS = 2000;
/** Clocks of auth and gateway replicas differ a little: entries live this much longer. */
const CLOCK_SKEW_MS = 60_000;

export type Revocation = 'suspended' | 'erased';

interface Entry {
  reason: Revocation;
  /** Epoch ms after which every token issued before the suspension has expired: the entry can go. */
  until: number;
}

/**
 * Access tokens live 15 minutes and are checked without calling auth, so a suspended or erased user's
 * token would work until it expires. Each gateway replica therefore follows `auth.user.*` events on
 * JetStream (an ordered, ephemeral consumer starting one token lifetime ago, so a restarted replica
 * knows every suspension still relevant) and refuses every token of a suspended or erased user.
 * Auth issues no token to such a user, so only older ones are refused; a reactivation lifts the refusal.
 */
@Injectable()
export class RevokedUsersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private messages?: ConsumerMessages;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly naming: Naming,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.follow();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.messages?.stop();
  }

  /** Why the tokens of `userId` must be refused, if they must. */
  revocationOf(userId: string): Revocation | undefined {
    const entry = this.entries.get(userId);
    if (entry && Date.now() > entry.until) this.entries.delete(userId);

    return entry && Date.now() <= entry.until ? entry.reason : undefined;
  }

  private async follow(): Promise<void> {
    if (this.stopped) return;
    const lifetimeMs = this.config.ACCESS_TOKEN_TTL_SECONDS * 1000;
    try {
      // One wildcard filter (NATS 2.9 has no multi-filter consumers); other auth.user events are skipped.
      const consumer = await this.connection.jetstream().consumers.get(this.naming.eventsStream, {
        filterSubjects: this.naming.event('auth.user.>'),
        deliver_policy: DeliverPolicy.StartTime,
        opt_start_time: new Date(Date.now() - lifetimeMs - CLOCK_SKEW_MS).toISOString(),
      });
      this.messages = await consumer.consume();
    } catch (error) {
      this.logger.warn('Cannot follow account suspensions yet; retrying', { error });
      this.retry = setTimeout(() => void this.follow(), RETRY_MS);

      return;
    }
    void this.read(this.messages, lifetimeMs);
  }

  private async read(messages: ConsumerMessages, lifetimeMs: number): Promise<void> {
    try {
      for await (const message of messages) {
        this.apply(message.json<EventEnvelope<UserStatusEvent>>(), lifetimeMs);
      }
    } catch (error) {
      this.logger.warn('Following account suspensions failed; starting again', { error });
      this.retry = setTimeout(() => void this.follow(), RETRY_MS);
    }
  }

  /** Events arrive in stream order, so a reactivation follows the suspension it lifts. */
  private apply(event: EventEnvelope<UserStatusEvent>, lifetimeMs: number): void {
    const userId = event.data.user_id;
    const occurredAt = Date.parse(event.occurred_at);
    if (typeof userId !== 'string' || Number.isNaN(occurredAt)) return;
    const until = occurredAt + lifetimeMs + CLOCK_SKEW_MS;
    // Entries of users who never call again would otherwise stay: suspensions are rare, a sweep is cheap.
    for (const [id, entry] of this.entries) if (Date.now() > entry.until) this.entries.delete(id);
    switch (event.type) {
      case AUTH_EVENTS.userSuspended:
        this.entries.set(userId, { reason: 'suspended', until });
        break;
      case AUTH_EVENTS.userErased:
        this.entries.set(userId, { reason: 'erased', until });
        break;
      case AUTH_EVENTS.userReactivated:
        if (this.entries.get(userId)?.reason === 'suspended') this.entries.delete(userId);
        break;
      default:
        break;
    }
  }
}
