import Redis from 'ioredis';

/** What is remembered of one idempotent request: running, or finished with its answer. */
export type IdempotencyRecord =
  | { state: 'running'; fingerprint: string }
  | { state: 'done'; fingerprint: string; status: number; body: unknown };

export interface IdempotencyStore {
  /** Claims the key for a new request; returns the existing record when the key is taken. */
  claim(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyRecord | undefined>;
  complete(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void>;
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Shared by every gateway replica; `SET NX` makes the claim atomic. */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }

  async claim(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyRecord | undefined> {
    const running: IdempotencyRecord = { state: 'running', fingerprint };
    const claimed = await this.redis.set(key, JSON.stringify(running), 'EX', ttlSeconds, 'NX');
    if (claimed === 'OK') return undefined;
    const existing = await this.redis.get(key);

    return existing ? (JSON.parse(existing) as IdempotencyRecord) : this.claim(key, fingerprint, ttlSeconds);
  }

  async complete(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, JSON.stringify(record), 'EX', ttlSeconds);
  }

  async release(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/** One gateway process on its own (local runs, tests). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, { record: IdempotencyRecord; expiresAt: number }>();

  claim(key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyRecord | undefined> {
    const existing = this.records.get(key);
    if (existing && existing.expiresAt > Date.now()) return Promise.resolve(existing.record);
    this.records.set(key, {
      record: { state: 'running', fingerprint },
      expiresAt: Date.now() + ttlSeconds * 1000,
    });

    return Promise.resolve(undefined);
  }

  complete(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void> {
    this.records.set(key, { record, expiresAt: Date.now() + ttlSeconds * 1000 });

    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    this.records.delete(key);

    return Promise.resolve();
  }

  close(): Promise<void> {
    this.records.clear();

    return Promise.resolve();
  }
}
