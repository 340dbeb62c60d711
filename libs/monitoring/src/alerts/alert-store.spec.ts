import { Redis } from 'ioredis';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../../test/support/redis.js';
import { parseNotification } from './alert-notification.js';
import { AlertStore } from './alert-store.js';

describe('AlertStore (the alerts scripts, on Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: AlertStore;
  const firing = { rule: 'webhook-401s', state: 'firing', value: 12, threshold: 10, window: '5m', condition: 'webhook_rejected{reason=signature} over 5m > 10' } as const;

  beforeEach(() => {
    redis = new Redis(REDIS_URL);
    prefix = uniquePrefix('alert-store');
    store = new AlertStore(redis, prefix);
  });
  afterEach(async () => {
    await deleteKeys(prefix);
    redis.disconnect();
  });

  it('adds counts into buckets, sums a window, drops buckets that left it, and expires idle counters', async () => {
    const key = store.countsKey('r', 'abc');
    await store.flush([{ key, ttlMs: 60_000, buckets: new Map([[10, 2], [11, 3], [12, 1]]) }]);
    await store.flush([{ key, ttlMs: 60_000, buckets: new Map([[12, 4]]) }]);
    expect(await store.sums([{ key, first: 11, last: 12 }, { key: store.countsKey('other', 'x'), first: 0, last: 99 }])).toEqual([8, 0]);
    expect(await redis.hgetall(key)).toEqual({ '11': '3', '12': '5' });
    expect(await redis.pttl(key)).toBeGreaterThan(55_000);
    expect(await store.sums([{ key, first: 13, last: 20 }])).toEqual([0]);
    expect(await redis.exists(key)).toBe(0);
  });

  it('sums nano-dollar amounts beyond 32 bits exactly', async () => {
    const key = store.countsKey('spend', 'f');
    await store.flush([{ key, ttlMs: 60_000, buckets: new Map([[1, 50_000_000_000], [2, 1]]) }]);
    expect(await store.sums([{ key, first: 1, last: 2 }])).toEqual([50_000_000_001]);
  });

  it('moves a rule once when many processes see the same change at the same time', async () => {
    const others = Array.from({ length: 8 }, () => new AlertStore(new Redis(REDIS_URL), prefix));
    try {
      const notes = await Promise.all(others.map((s) => s.transition(firing)));
      expect(notes.filter((n) => n !== undefined)).toHaveLength(1);
      expect(await store.transition(firing)).toBeUndefined();
      const resolves = await Promise.all(others.map((s) => s.transition({ ...firing, state: 'resolved', value: 3 })));
      expect(resolves.filter((n) => n !== undefined)).toHaveLength(1);
      const [fired, resolved] = [parseNotification(notes.find(Boolean)!), parseNotification(resolves.find(Boolean)!)];
      expect(fired).toMatchObject({ rule: 'webhook-401s', state: 'firing', value: 12, threshold: 10, window: '5m', condition: firing.condition });
      expect(fired.id).toBe(`${fired.incident}:firing`);
      expect(resolved).toMatchObject({ state: 'resolved', value: 3, incident: fired.incident, id: `${fired.incident}:resolved`, firedAt: fired.since });
      expect(Date.parse(resolved.since)).toBeGreaterThanOrEqual(Date.parse(fired.since));
    } finally {
      for (const s of others) (s as unknown as { redis: Redis }).redis.disconnect();
    }
  });

  it('never notifies a rule that was never firing as resolved', async () => {
    expect(await store.transition({ ...firing, state: 'resolved', value: 0 })).toBeUndefined();
    expect(await store.due()).toEqual([]);
  });

  it('queues notifications per rule in order; a claim holds the first for the lease, and its end frees it for another process', async () => {
    await store.transition(firing);
    await store.transition({ ...firing, state: 'resolved', value: 1 });
    const first = await store.claim(firing.rule, 150);
    expect(first).toMatchObject({ attempt: 1 });
    expect(parseNotification(first!.note).state).toBe('firing');
    expect(await store.claim(firing.rule, 150)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 200));
    const again = await store.claim(firing.rule, 150);
    expect(again).toEqual({ note: first!.note, attempt: 2 });
    expect(await store.settle(firing.rule, parseNotification(first!.note).id, undefined, 10)).toBe('done');
    const second = await store.claim(firing.rule, 150);
    expect(parseNotification(second!.note).state).toBe('resolved');
    expect(second!.attempt).toBe(1);
  });

  it('retries an attempt after its delay, drops it after the last, and ignores a settle of a notification already settled', async () => {
    await store.transition(firing);
    const id = parseNotification((await store.claim(firing.rule, 5_000))!.note).id;
    expect(await store.settle(firing.rule, id, 100, 2)).toBe('retry');
    expect(await store.claim(firing.rule, 5_000)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 150));
    expect((await store.claim(firing.rule, 5_000))!.attempt).toBe(2);
    expect(await store.settle(firing.rule, id, 100, 2)).toBe('dropped');
    expect(await store.settle(firing.rule, id, undefined, 2)).toBe('stale');
    expect(await store.due()).toEqual([]);
    expect(await redis.exists(`${prefix}:alerts:queue:${firing.rule}`, `${prefix}:alerts:tries:${firing.rule}`)).toBe(0);
  });
});
