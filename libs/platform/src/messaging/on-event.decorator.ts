import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope } from '@ecom/contracts';

export const ON_EVENT_KEY = 'ecom:on-event';

export interface OnEventOptions {
  /** Consumer name, unique within the app; defaults to the event type. */
  consumer?: string;
  /** Class-validator payload class: an event whose data does not validate goes straight to dead letters. */
  payload?: new () => object;
  /** `all` replays the stream's history to a new consumer (projections); `new` starts from now. */
  deliver?: 'all' | 'new';
  /**
   * Which events of the type are this handler's business (a purpose, a kind); the others are acknowledged
   * without a transaction or an inbox record, since applying them would change nothing.
   */
  when?: (event: EventEnvelope) => boolean;
}

export interface OnEventMetadata extends OnEventOptions {
  type: string;
}

/**
 * Marks `(event: EventEnvelope<T>, manager: EntityManager) => Promise<void>` as the idempotent handler of
 * an event type. It runs in one transaction with the inbox record: its writes and "applied" commit
 * together, so a redelivered event changes nothing.
 */
export const OnEvent = (type: string, options: OnEventOptions = {}): MethodDecorator =>
  SetMetadata(ON_EVENT_KEY, { type, ...options } satisfies OnEventMetadata);
