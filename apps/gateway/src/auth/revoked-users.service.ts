import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AUTH_EVENTS, type EventEnvelope, type UserStatusEvent } from '@ecom/contracts';
import { EventFollower, LOGGER, Naming, NATS_CONNECTION, type Logger } from '@ecom/platform';
import type { NatsConnection } from 'nats';

import { GatewayConfig } from '../config';

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
 * token would work until it expires. Each gateway replica therefore follows `auth.user.*` events (from
 * one token lifetime ago, so a restarted replica knows every suspension still relevant) and refuses
 * every token of a suspended or erased user. Auth issues no token to such a user, so only older ones are
 * refused; a reactivation lifts the refusal.
 */
@Injectable()
export class RevokedUsersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly follower: EventFollower;
  private readonly lifetimeMs: number;

  constructor(
    @Inject(NATS_CONNECTION) connection: NatsConnection,
    naming: Naming,
    config: GatewayConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.lifetimeMs = config.ACCESS_TOKEN_TTL_SECONDS * 1000;
    this.follower = new EventFollower({
      connection,
      naming,
      logger,
      filter: 'auth.user.>',
      since: () => new Date(Date.now() - this.lifetimeMs - CLOCK_SKEW_MS),
      purpose: 'account suspensions',
      onEvent: (event) => {
        this.apply(event as EventEnvelope<UserStatusEvent>);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.follower.start();
  }

  onApplicationShutdown(): void {
    this.follower.stop();
  }

  /** Why the tokens of `userId` must be refused, if they must. */
  revocationOf(userId: string): Revocation | undefined {
    const entry = this.entries.get(userId);
    if (entry && Date.now() > entry.until) this.entries.delete(userId);

    return entry && Date.now() <= entry.until ? entry.reason : undefined;
  }

  /** Events arrive in stream order, so a reactivation follows the suspension it lifts. */
  private apply(event: EventEnvelope<UserStatusEvent>): void {
    const userId = event.data.user_id;
    const occurredAt = Date.parse(event.occurred_at);
    if (typeof userId !== 'string' || Number.isNaN(occurredAt)) return;
    const until = occurredAt + this.lifetimeMs + CLOCK_SKEW_MS;
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
