import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiConfigurationError, AiUnavailableError, BudgetExceededError, attemptChannel, fallbackChannel, type AiAttemptMessage, type AiFallbackMessage } from '@aiwire/ai';
import { Redis } from 'ioredis';
import { REDIS_URL } from '../../../test/support/redis.js';
import { FAST_RETRY, ask, sandboxProviders, startAi, type AiHarness } from './ai-harness.js';

describe('fallback chain', () => {
  let sandbox: Sandbox;
  let h: AiHarness | undefined;
  const events: AiFallbackMessage[] = [];
  const listen = (m: AiFallbackMessage): void => void events.push(m);

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
    events.length = 0;
    fallbackChannel.subscribe(listen);
  });
  afterEach(async () => {
    fallbackChannel.unsubscribe(listen);
    await h?.close();
    h = undefined;
    await sandbox.close();
  });

  it('goes down the chain in order and says which provider served and why the others did not', async () => {
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', fallback: ['openai', 'claude', 'local'], retry: { ...FAST_RETRY, maxRetries: 1 } });
    sandbox.faults.inject('openai', { status: 500, times: 2 });
    const models: string[] = [];
    const listen = (m: AiAttemptMessage): void => void models.push(`${m.provider}:${m.attributes['gen_ai.request.model']}`);
    attemptChannel.subscribe(listen);
    const r = await h.ai.chat({ messages: ask('hi'), model: 'gpt-4.1' }).finally(() => attemptChannel.unsubscribe(listen));
    expect(r).toMatchObject({ provider: 'claude', model: 'claude-haiku-4-5', text: 'Echo: hi', attempts: 3 });
    expect(r.fallbacks).toEqual([{ provider: 'openai', reason: 'retries_exhausted', status: 500, attempts: 2, message: expect.stringContaining('500') }]);
    // The model asked for goes to the provider asked for; the fallback uses its own default model.
    expect(models).toEqual(['openai:gpt-4.1', 'openai:gpt-4.1', 'claude:claude-haiku-4-5']);
    expect(events).toEqual([{ from: 'openai', to: 'claude', reason: 'retries_exhausted', message: expect.any(String) }]);
  });

  it('skips providers without a key (logged once at startup) and serves from the next', async () => {
    const { claude } = sandboxProviders(sandbox);
    h = await startAi({ providers: { openai: { kind: 'openai', apiKey: undefined }, claude }, defaultProvider: 'openai', fallback: ['claude'], retry: FAST_RETRY });
    expect(h.logs.text()).toContain('AI provider "openai" skipped: no apiKey for api.openai.com (set OPENAI_API_KEY)');
    const r = await h.ai.chat({ messages: ask('hi') });
    expect(r.provider).toBe('claude');
    expect(r.fallbacks).toEqual([{ provider: 'openai', reason: 'not_configured', attempts: 0, message: expect.stringContaining('no apiKey') }]);
  });

  it('with no usable provider at all, local serves what it can and says plainly what it cannot', async () => {
    h = await startAi({ providers: { openai: { kind: 'openai' }, claude: { kind: 'anthropic' } }, fallback: ['openai', 'claude'] });
    expect(h.logs.text()).toContain('the embedded "local" provider serves');
    expect(await h.ai.sentiment('I love this, it is excellent!')).toEqual({ label: 'positive', score: expect.any(Number), language: 'en' });
    const error = (await h.ai.chat({ messages: ask('Write me a poem about the sea') }).catch((e: unknown) => e)) as AiUnavailableError;
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect(error.failures.map((f) => [f.provider, f.reason])).toEqual([['openai', 'not_configured'], ['claude', 'not_configured'], ['local', 'capability']]);
    expect(error.message).toContain('not a language model');
  });

  it('skips a provider whose circuit is open, without calling it', async () => {
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', fallback: ['claude'], retry: { ...FAST_RETRY, maxRetries: 0 }, circuit: { failureThreshold: 2, cooldownMs: 60_000 } });
    sandbox.faults.inject('openai', { status: 503, times: 2 });
    await h.ai.chat({ messages: ask('one') });
    await h.ai.chat({ messages: ask('two') });
    expect(h.logs.text()).toContain('AI provider "openai" circuit is now open');
    const r = await h.ai.chat({ messages: ask('three') });
    expect(r.provider).toBe('claude');
    expect(r.fallbacks[0]).toMatchObject({ provider: 'openai', reason: 'circuit_open', attempts: 0 });
    expect(sandbox.state.requests.count('openai')).toBe(2);
  });

  it('over its daily budget a provider is skipped with BudgetExceededError and the next one serves', async () => {
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', fallback: ['claude'], limits: { openai: { dailyBudgetUsd: 0.000001 } }, retry: FAST_RETRY });
    const first = await h.ai.chat({ messages: ask('a first call that spends more than the budget') });
    expect(first.provider).toBe('openai');
    expect(first.costUsd).toBeGreaterThan(0.000001);
    const second = await h.ai.chat({ messages: ask('again') });
    expect(second.provider).toBe('claude');
    expect(second.fallbacks[0]).toMatchObject({ provider: 'openai', reason: 'budget_exceeded', attempts: 0, message: expect.stringContaining('daily budget') });
    expect(sandbox.state.requests.count('openai')).toBe(1);
    const error = new BudgetExceededError('openai', 2, 1);
    expect(error.message).toContain('limits.openai.dailyBudgetUsd');
  });

  it('concurrent calls cannot all pass the budget check: each reserves its estimate first, and the real cost replaces it', async () => {
    const harness = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', limits: { openai: { dailyBudgetUsd: 0.000022 } }, retry: FAST_RETRY });
    h = harness;
    sandbox.faults.inject('openai', { delayMs: 200, times: 20 });
    // Estimate per call: 9 prompt tokens at $0.15/M and its maxTokens 10 at $0.60/M = $0.00000735.
    const estimate = (9 * 0.15 + 10 * 0.6) / 1e6;
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => harness.ai.chat({ messages: ask(`spend ${i % 10}`), maxTokens: 10, fallback: false })));
    const served = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as AiUnavailableError] : []));
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(served.length).toBeLessThanOrEqual(3);
    expect(refused.every((e) => e instanceof AiUnavailableError && e.failures[0]?.reason === 'budget_exceeded' && e.failures[0]?.attempts === 0)).toBe(true);
    expect(sandbox.state.requests.count('openai')).toBe(served.length);
    const spentKey = `${harness.prefix}:budget:openai:${new Date().toISOString().slice(0, 10)}`;
    const redis = new Redis(REDIS_URL);
    try {
      const spent = Number(await redis.get(spentKey));
      // Never past the budget by more than one call's estimate; the books hold what was really spent.
      expect(spent).toBeLessThanOrEqual(0.000022 + estimate);
      expect(spent).toBeCloseTo(served.reduce((sum, r) => sum + r.costUsd, 0), 12);
      expect(served.every((r) => r.costUsd > 0 && r.costUsd < estimate)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });

  it('reports every provider’s failure when none can serve', async () => {
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', fallback: ['claude', 'local'], retry: { ...FAST_RETRY, maxRetries: 0 } });
    sandbox.state.openai.quotaExhausted = true;
    sandbox.faults.inject('anthropic', { status: 401 });
    const error = (await h.ai.chat({ messages: ask('Tell me a story') }).catch((e: unknown) => e)) as AiUnavailableError;
    expect(error.failures.map((f) => [f.provider, f.reason, f.status])).toEqual([
      ['openai', 'quota_exhausted', 429],
      ['claude', 'rejected', 401],
      ['local', 'capability', undefined],
    ]);
    expect(error.message).toMatch(/^No AI provider could serve the call: openai \(quota_exhausted/);
  });

  it('a provider the configuration does not know is a configuration error, not a fallback', async () => {
    h = await startAi({ providers: sandboxProviders(sandbox) });
    await expect(h.ai.chat({ messages: ask('hi'), provider: 'gemini' })).rejects.toThrow(AiConfigurationError);
    await expect(h.ai.chat({ messages: ask('hi'), provider: 'gemini' })).rejects.toThrow('AI provider "gemini" is not configured. Configured providers: openai, claude, local');
  });
});
