import {
  DiscardPolicy,
  nanos,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';

import type { Naming } from './naming';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long JetStream remembers a message id: longer than the outbox relay's worst retry gap. */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/**
 * The two streams of the platform: every domain event (kept 7 days, for replay and late consumers) and
 * the dead letters (kept 30 days, for operators). Created or updated idempotently by every app at start.
 */
export async function ensureStreams(
  manager: JetStreamManager,
  naming: Naming,
  replicas: number,
): Promise<void> {
  await upsertStream(manager, {
    name: naming.eventsStream,
    subjects: [naming.event('>')],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(7 * DAY_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: replicas,
  });
  await upsertStream(manager, {
    name: naming.deadLetterStream,
    subjects: [naming.deadLetter('>')],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(30 * DAY_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: replicas,
  });
}

async function upsertStream(
  manager: JetStreamManager,
  config: Partial<StreamConfig> & { name: string },
): Promise<void> {
  try {
    await manager.streams.info(config.name);
    await manager.streams.update(config.name, config);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    try {
      await manager.streams.add(config);
    } catch (addError) {
      // Another app created it between our look-up and our add.
      if (!/already in use/i.test(String(addError))) throw addError;
    }
  }
}

export function isNotFound(error: unknown): boolean {
  return /not found/i.test(String(error));
}
