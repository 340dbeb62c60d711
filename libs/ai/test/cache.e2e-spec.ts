import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsIn } from 'class-validator';
import { Redis } from 'ioredis';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiModule, AiService, AiUnavailableError, CacheAiResult, cacheChannel, type AiCacheMessage } from '@aiwire/ai';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL, deleteKeys, startPrivateRedis, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { FAST_RETRY, ask, sandboxProviders, startAi, type AiHarness } from './ai-harness.js';

class LabelDto {
  @IsIn(['a', 'b']) label!: string;
}

describe('cache and single-flight', () => {
  let sandbox: Sandbox;
  let h: AiHarness;
  const upstream = () => sandbox.state.requests.count('openai', 'POST /v1/chat/completions');

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', cache: { ttlSeconds: 60 }, retry: { ...FAST_RETRY, maxRetries: 0 } });
  });
  afterEach(async () => {
    await h.close();
    await sandbox.close();
  });

  it('answers a repeated request from the cache: no upstream call, no cost, cached: true', async () => {
    const first = await h.ai.chat({ messages: ask('cache me'), temperature: 0 });
    const second = await h.ai.chat({ messages: ask('cache me'), temperature: 0 });
    expect(upstream()).toBe(1);
    expect(first).toMatchObject({ cached: false, attempts: 1 });
    expect(first.costUsd).toBeGreaterThan(0);
    expect(second).toMatchObject({ text: first.text, provider: 'openai', usage: first.usage, cached: true, attempts: 0, costUsd: 0 });
    // Anything that changes the answer changes the key.
    await h.ai.chat({ messages: ask('cache me'), temperature: 0.5 });
    await h.ai.chat({ messages: ask('cache me'), temperature: 0, model: 'gpt-4.1' });
    await h.ai.chat({ messages: ask('cache me'), temperature: 0, schema: LabelDto });
    expect(upstream()).toBe(4);
    // `cache: false` skips it.
    expect((await h.ai.chat({ messages: ask('cache me'), temperature: 0, cache: false })).cached).toBe(false);
    expect(upstream()).toBe(5);
  });

  it('gives back a class instance on a cache hit', async () => {
    sandbox.state.openai.answers.push({ label: 'b' });
    await h.ai.chat({ messages: ask('label it'), schema: LabelDto });
    const hit = await h.ai.chat({ messages: ask('label it'), schema: LabelDto });
    expect(hit.cached).toBe(true);
    expect(hit.json).toBeInstanceOf(LabelDto);
    expect(hit.json).toEqual({ label: 'b' });
  });

  it('100 concurrent identical calls make exactly one upstream request', async () => {
    sandbox.faults.inject('openai', { delayMs: 200 });
    const results = await Promise.all(Array.from({ length: 100 }, () => h.ai.chat({ messages: ask('stampede') })));
    expect(upstream()).toBe(1);
    expect(new Set(results.map((r) => r.text))).toEqual(new Set(['Echo: stampede']));
    expect(results.filter((r) => !r.cached)).toHaveLength(1);
  });

  it('two app instances on one Redis (as two processes would be) share one upstream request', async () => {
    const other = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', cache: { ttlSeconds: 60 }, keyPrefix: h.prefix, jobs: { workers: false } });
    try {
      sandbox.faults.inject('openai', { delayMs: 300 });
      const calls = [...Array.from({ length: 50 }, () => h.ai.chat({ messages: ask('shared') })), ...Array.from({ length: 50 }, () => other.ai.chat({ messages: ask('shared') }))];
      const results = await Promise.all(calls);
      expect(upstream()).toBe(1);
      expect(results.every((r) => r.text === 'Echo: shared')).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('does not cache a failure, and the waiters are released with it at once', async () => {
    sandbox.faults.inject('openai', { status: 500, delayMs: 100 });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => h.ai.chat({ messages: ask('fragile'), fallback: false })));
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof AiUnavailableError)).toBe(true);
    expect(upstream()).toBe(1);
    const retry = await h.ai.chat({ messages: ask('fragile'), fallback: false });
    expect(retry).toMatchObject({ cached: false, text: 'Echo: fragile' });
    expect(upstream()).toBe(2);
  });

  it('a failure in another instance releases its lock: the waiter there makes its own call at once, not at its deadline', async () => {
    const other = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', cache: { ttlSeconds: 60 }, keyPrefix: h.prefix, retry: { ...FAST_RETRY, maxRetries: 0, deadlineMs: 10_000 }, jobs: { workers: false } });
    try {
      sandbox.faults.inject('openai', { status: 500, delayMs: 800 });
      let failedAt = 0;
      const holder = h.ai.chat({ messages: ask('fragile everywhere'), fallback: false }).catch((e: unknown) => {
        failedAt = Date.now();
        return e;
      });
      // The holder's request has reached the upstream, so it holds the lock; the other instance waits on it.
      await waitFor(() => upstream() === 1, 2000, 'holder upstream call');
      const waiter = await other.ai.chat({ messages: ask('fragile everywhere'), fallback: false });
      const doneAt = Date.now();
      expect(await holder).toBeInstanceOf(AiUnavailableError);
      expect(waiter).toMatchObject({ cached: false, text: 'Echo: fragile everywhere', attempts: 1 });
      expect(upstream()).toBe(2);
      // Released with the failure: far sooner than its 10 s deadline or the lock's 15 s TTL.
      expect(doneAt - failedAt).toBeLessThan(1000);
    } finally {
      await other.close();
    }
  });

  it('waiting for another instance spends the call’s own deadline: it fails at it, without a second upstream call', async () => {
    const other = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', fallback: ['local'], cache: { ttlSeconds: 60 }, keyPrefix: h.prefix, retry: { ...FAST_RETRY, maxRetries: 0 }, jobs: { workers: false } });
    try {
      sandbox.faults.inject('openai', { delayMs: 1800 });
      const holder = h.ai.chat({ messages: ask('slow and shared'), fallback: ['local'] });
      await waitFor(() => upstream() === 1, 2000, 'holder upstream call');
      const started = Date.now();
      const error = await other.ai.chat({ messages: ask('slow and shared'), deadlineMs: 700 }).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(AiUnavailableError);
      expect((error as AiUnavailableError).failures.map((f) => [f.provider, f.reason, f.attempts])).toEqual([['openai', 'deadline', 0], ['local', 'deadline', 0]]);
      expect(elapsed).toBeGreaterThanOrEqual(650);
      expect(elapsed).toBeLessThan(700 + 250);
      expect(upstream()).toBe(1);
      expect(await holder).toMatchObject({ cached: false, text: 'Echo: slow and shared' });
      expect(upstream()).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('waiting for an identical call in this process spends the deadline too', async () => {
    sandbox.faults.inject('openai', { delayMs: 1500 });
    const holder = h.ai.chat({ messages: ask('slow in process'), fallback: false });
    const started = Date.now();
    const error = await h.ai.chat({ messages: ask('slow in process'), fallback: false, deadlineMs: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).failures[0]).toMatchObject({ provider: 'openai', reason: 'deadline', attempts: 0 });
    expect(Date.now() - started).toBeLessThan(400 + 250);
    expect(await holder).toMatchObject({ cached: false });
    expect(upstream()).toBe(1);
  });

  it('publishes its decisions on aiwire:ai:cache', async () => {
    const events: AiCacheMessage[] = [];
    const listen = (m: AiCacheMessage): void => void events.push(m);
    cacheChannel.subscribe(listen);
    try {
      await h.ai.chat({ messages: ask('observe') });
      await h.ai.chat({ messages: ask('observe') });
    } finally {
      cacheChannel.unsubscribe(listen);
    }
    expect(events.map((e) => e.event)).toEqual(['miss', 'store', 'hit']);
    expect(events[0]?.key).toMatch(new RegExp(`^${h.prefix}:cache:[0-9a-f]{64}$`));
  });
});

describe('cache when Redis is gone', () => {
  it('serves uncached and unlimited instead of failing, and logs it once', async () => {
    const sandbox = await startSandbox({ seed: false });
    const redis = await startPrivateRedis();
    const h = await startAi({ redis: { url: redis.url }, providers: sandboxProviders(sandbox), defaultProvider: 'openai', cache: { ttlSeconds: 60 }, limits: { openai: { rpm: 100 } }, retry: FAST_RETRY, jobs: { workers: false } });
    try {
      await redis.stop();
      const r = await h.ai.chat({ messages: ask('no redis') });
      expect(r).toMatchObject({ text: 'Echo: no redis', cached: false });
      expect(h.logs.text()).toContain('AI cache skipped because Redis failed');
      expect(h.logs.text()).toContain('AI rate limiting skipped because Redis failed');
    } finally {
      await h.close().catch(() => undefined);
      await sandbox.close();
    }
  });
});

describe('@CacheAiResult', () => {
  @Injectable()
  class ReviewInsights {
    calls = 0;
    failNext = false;

    @CacheAiResult({ ttlSeconds: 60 })
    async summarise(productId: string, options: { lang: string }): Promise<{ productId: string; lang: string; n: number }> {
      this.calls += 1;
      await new Promise((r) => setTimeout(r, 50));
      if (this.failNext) {
        this.failNext = false;
        throw new Error('upstream broke');
      }
      return { productId, lang: options.lang, n: this.calls };
    }
  }

  @Injectable()
  class SlowReports {
    starts: number[] = [];

    @CacheAiResult({ ttlSeconds: 1, key: 'short-lived' })
    async shortLived(id: string): Promise<{ id: string; run: number }> {
      this.starts.push(Date.now());
      return { id, run: this.starts.length };
    }

    @CacheAiResult({ waitMs: 200 })
    async impatient(id: string): Promise<string> {
      this.starts.push(Date.now());
      await new Promise((r) => setTimeout(r, 1500));
      return id;
    }

    @CacheAiResult({ lockTtlMs: 300 })
    async shortLock(id: string): Promise<string> {
      this.starts.push(Date.now());
      await new Promise((r) => setTimeout(r, 1500));
      return id;
    }
  }

  const bootReports = async (prefix: string) => {
    @Module({ imports: [AiModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, providers: { local: { kind: 'local' } }, jobs: { queuePrefix: prefix, workers: false } })], providers: [SlowReports] })
    class ReportsModule {}
    const app = await NestFactory.createApplicationContext(ReportsModule, { logger: new CapturingLogger() });
    return { app, reports: app.get(SlowReports) };
  };

  it('keeps a result for its ttlSeconds (read back from Redis), then runs the method again', async () => {
    const prefix = uniquePrefix('ai-fn-ttl');
    const { app, reports } = await bootReports(prefix);
    const redis = new Redis(REDIS_URL);
    try {
      expect(await reports.shortLived('a')).toEqual({ id: 'a', run: 1 });
      const keys = (await redis.keys(`${prefix}:fn:short-lived:*`)).filter((k) => !k.endsWith(':lock'));
      expect(keys).toHaveLength(1);
      const ttl = await redis.pttl(keys[0] ?? '');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1000);
      expect(await reports.shortLived('a')).toEqual({ id: 'a', run: 1 });
      await new Promise((r) => setTimeout(r, ttl + 100));
      expect(await reports.shortLived('a')).toEqual({ id: 'a', run: 2 });
    } finally {
      redis.disconnect();
      await app.close();
      await deleteKeys(prefix);
    }
  });

  it('waitMs and lockTtlMs bound how long another instance waits for a slow identical call', async () => {
    const prefix = uniquePrefix('ai-fn-wait');
    const [one, two] = [await bootReports(prefix), await bootReports(prefix)];
    try {
      for (const method of ['impatient', 'shortLock'] as const) {
        const first = one.reports[method]('x');
        await new Promise((r) => setTimeout(r, 100));
        const asked = Date.now();
        const second = two.reports[method]('x');
        expect(await Promise.all([first, second])).toEqual(['x', 'x']);
        // The second instance stopped waiting (200 ms wait, or the 300 ms lock lapsed) and ran it itself.
        const started = (two.reports.starts.at(-1) ?? 0) - asked;
        expect(started, method).toBeGreaterThanOrEqual(150);
        expect(started, method).toBeLessThan(700);
      }
      expect([one.reports.starts.length, two.reports.starts.length]).toEqual([2, 2]);
    } finally {
      await one.app.close();
      await two.app.close();
      await deleteKeys(prefix);
    }
  });

  it('caches a host method by its arguments, runs concurrent identical calls once, never caches a throw', async () => {
    const prefix = uniquePrefix('ai-fn');
    @Module({ imports: [AiModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, providers: { local: { kind: 'local' } }, jobs: { queuePrefix: prefix, workers: false } })], providers: [ReviewInsights] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: new CapturingLogger() });
    try {
      const insights = app.get(ReviewInsights);
      const [a, b] = await Promise.all([insights.summarise('p1', { lang: 'en' }), insights.summarise('p1', { lang: 'en' })]);
      expect(a).toEqual({ productId: 'p1', lang: 'en', n: 1 });
      expect(b).toEqual(a);
      expect(await insights.summarise('p1', { lang: 'en' })).toEqual(a);
      expect(insights.calls).toBe(1);
      expect(await insights.summarise('p1', { lang: 'fr' })).toEqual({ productId: 'p1', lang: 'fr', n: 2 });
      insights.failNext = true;
      await expect(insights.summarise('p2', { lang: 'en' })).rejects.toThrow('upstream broke');
      expect(await insights.summarise('p2', { lang: 'en' })).toEqual({ productId: 'p2', lang: 'en', n: 4 });
      expect(insights.calls).toBe(4);
      expect(app.get(AiService)).toBeInstanceOf(AiService);
    } finally {
      await app.close();
      await deleteKeys(prefix);
    }
  });
});
