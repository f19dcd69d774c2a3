import { FixedWindowThrottlerStorage } from './fixed-window.storage';

describe('FixedWindowThrottlerStorage', () => {
  let storage: FixedWindowThrottlerStorage;
  let now = 1_000_000;

  beforeEach(() => {
    storage = new FixedWindowThrottlerStorage();
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });

  afterEach(() => {
    storage.close();
    jest.restoreAllMocks();
  });

  it('admits up to the limit in a window, then blocks until the window ends', async () => {
    const results = [];
    for (let hit = 0; hit < 4; hit += 1) results.push(await storage.increment('ip:1', 60_000, 3, 0));

    expect(results.map((result) => result.isBlocked)).toEqual([false, false, false, true]);
    expect(results[3]?.timeToBlockExpire).toBe(60);

    now += 60_000;
    expect((await storage.increment('ip:1', 60_000, 3, 0)).isBlocked).toBe(false);
  });

  it('counts each key on its own', async () => {
    await storage.increment('ip:1', 60_000, 1, 0);

    expect((await storage.increment('ip:1', 60_000, 1, 0)).isBlocked).toBe(true);
    expect((await storage.increment('ip:2', 60_000, 1, 0)).isBlocked).toBe(false);
  });

  it('keeps a key blocked for the block duration when one is set', async () => {
    await storage.increment('ip:1', 1_000, 1, 0);
    await storage.increment('ip:1', 1_000, 1, 30_000);

    now += 5_000;
    expect((await storage.increment('ip:1', 1_000, 1, 30_000)).isBlocked).toBe(true);
  });
});
