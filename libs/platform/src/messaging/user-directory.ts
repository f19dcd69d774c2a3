import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  AUTH_EVENTS,
  AUTH_SUBJECTS,
  type FindUserByPhoneRequest,
  type UserStatusEvent,
  type UserSummary,
  type UserSummaryRequest,
} from '@ecom/contracts';
import type { NatsConnection } from 'nats';

import { LOGGER, NATS_CONNECTION } from '../bootstrap/tokens';
import type { Logger } from '../logging/logger';
import { EventFollower } from './event-follower';
import { Naming } from './naming';
import { ServiceClient } from './service-client';

/** How long an answer of auth is reused; suspensions and erasures drop it at once. */
const TTL_MS = 60_000;
/** Past this many entries a cache starts afresh rather than grow without bound. */
const MAX_ENTRIES = 50_000;

interface Cached {
  summary: UserSummary;
  expiresAt: number;
}

/**
 * Who a phone or a user id is, asked of auth and remembered for a minute: a payment or an order would
 * otherwise cost a round trip to auth each. Each replica follows `auth.user.*` and forgets a user as soon
 * as they are suspended, erased or reactivated; unknown users are not remembered, so a new registration
 * is found at once. Errors of auth (NOT_FOUND, AUTH_PHONE_INVALID) come back unchanged.
 */
@Injectable()
export class UserDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly byPhoneCache = new Map<string, Cached>();
  private readonly byIdCache = new Map<string, Cached>();
  private readonly follower: EventFollower;
  /** Bumped by every forgotten user: an answer asked for before it is not cached. */
  private generation = 0;

  constructor(
    private readonly client: ServiceClient,
    @Inject(NATS_CONNECTION) connection: NatsConnection,
    naming: Naming,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.follower = new EventFollower({
      connection,
      naming,
      logger,
      filter: 'auth.user.>',
      purpose: 'the user directory',
      onEvent: (event) => {
        if (event.type === AUTH_EVENTS.userRegistered) return;
        const userId = (event.data as Partial<UserStatusEvent>).user_id;
        if (typeof userId === 'string') this.forget(userId);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.follower.start();
  }

  onApplicationShutdown(): void {
    this.follower.stop();
  }

  /** The active account behind a phone (auth's NOT_FOUND otherwise). */
  byPhone(phone: string): Promise<UserSummary> {
    const request: FindUserByPhoneRequest = { phone };

    return this.lookup(this.byPhoneCache, phone.trim(), AUTH_SUBJECTS.findUserByPhone, request);
  }

  /** A user who is not erased (auth's NOT_FOUND otherwise). */
  byId(userId: string): Promise<UserSummary> {
    const request: UserSummaryRequest = { user_id: userId };

    return this.lookup(this.byIdCache, userId, AUTH_SUBJECTS.getUserSummary, request);
  }

  private async lookup(
    cache: Map<string, Cached>,
    key: string,
    subject: string,
    request: unknown,
  ): Promise<UserSummary> {
    const cached = cache.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.summary;
    const generation = this.generation;
    const summary = await this.client.request<UserSummary>(subject, request);
    if (generation === this.generation) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, { summary, expiresAt: Date.now() + TTL_MS });
    }

    return summary;
  }

  private forget(userId: string): void {
    this.generation += 1;
    for (const cache of [this.byPhoneCache, this.byIdCache]) {
      for (const [key, cached] of cache) if (cached.summary.user_id === userId) cache.delete(key);
    }
  }
}
