import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiNetworkError, AiProviderError, AiTimeoutError, AiUnavailableError, attemptChannel, type AiAttemptMessage } from '@aiwire/ai';
import { freePort } from '../../../test/support/redis.js';
import { FAST_RETRY, ask, sandboxProviders, startAi, type AiHarness, type HarnessOptions } from './ai-harness.js';
import { startStallingServer } from './stalling-server.js';

describe('retries, waits and when not to retry', () => {
  let sandbox: Sandbox;
  let h: AiHarness;
  let attempts: AiAttemptMessage[];
  const listen = (m: AiAttemptMessage): void => void attempts.push(m);
  const boot = async (options: Partial<HarnessOptions> = {}): Promise<void> => {
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', retry: FAST_RETRY, ...options });
  };
  const failureOf = async (promise: Promise<unknown>): Promise<AiUnavailableError> => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    return error as AiUnavailableError;
  };
  const openaiCalls = () => sandbox.state.requests.count('openai', 'POST /v1/chat/completions');

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
    attempts = [];
    attemptChannel.subscribe(listen);
  });
  afterEach(async () => {
    attemptChannel.unsubscribe(listen);
    await h.close();
    await sandbox.close();
  });

  it('honours retry-after-ms on a 429 (waits exactly that long) and then succeeds', async () => {
    await boot();
    sandbox.faults.inject('openai', { status: 429, headers: { 'retry-after-ms': '300' } });
    const started = Date.now();
    const r = await h.ai.chat({ messages: ask('hi'), fallback: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(r.attempts).toBe(2);
    expect(attempts.map((a) => [a.outcome, a.status, a.delayMs])).toEqual([['retry', 429, 300], ['success', undefined, undefined]]);
  });

  it('honours retry-after in seconds and as an HTTP date', async () => {
    await boot();
    sandbox.faults.inject('openai', { status: 503, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } });
    sandbox.faults.inject('openai', { status: 429 }); // the stand-in's own 429: retry-after: 1
    const started = Date.now();
    await h.ai.chat({ messages: ask('hi'), fallback: false });
    // An HTTP date has whole seconds: the wait is what is left until it, between 1 and 2 s.
    expect(attempts[0]?.delayMs).toBeGreaterThan(900);
    expect(attempts[0]?.delayMs).toBeLessThanOrEqual(2000);
    expect(attempts[1]?.delayMs).toBe(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000 + (attempts[0]?.delayMs ?? 0));
  });

  it('caps a long retry-after at maxDelayMs', async () => {
    await boot({ retry: { ...FAST_RETRY, maxDelayMs: 250 } });
    sandbox.faults.inject('openai', { status: 429, headers: { 'retry-after': '120' } });
    await h.ai.chat({ messages: ask('hi'), fallback: false });
    expect(attempts[0]?.delayMs).toBe(250);
  });

  it('backs off exponentially with full jitter when the server gives no hint, up to maxRetries', async () => {
    await boot({ retry: { ...FAST_RETRY, baseDelayMs: 100, maxRetries: 3 } });
    sandbox.faults.inject('openai', { status: 500, times: 4 });
    const error = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false }));
    expect(openaiCalls()).toBe(4);
    expect(error.failures).toEqual([{ provider: 'openai', reason: 'retries_exhausted', attempts: 4, status: 500, message: expect.stringContaining('openai answered 500 server_error') }]);
    const delays = attempts.filter((a) => a.outcome === 'retry').map((a) => a.delayMs ?? -1);
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(100 * 2 ** i);
    });
    expect(attempts.at(-1)).toMatchObject({ outcome: 'failed', reason: 'retries_exhausted', status: 500 });
  });

  it('never retries insufficient_quota: one request, then the next provider serves', async () => {
    await boot({ fallback: ['claude'] });
    sandbox.state.openai.quotaExhausted = true;
    const r = await h.ai.chat({ messages: ask('hi') });
    expect(openaiCalls()).toBe(1);
    expect(r.provider).toBe('claude');
    expect(r.fallbacks).toEqual([{ provider: 'openai', reason: 'quota_exhausted', attempts: 1, status: 429, message: expect.stringContaining('You exceeded your current quota') }]);
    expect(r.fallbacks[0]?.message).toContain('retrying cannot help');
  });

  it('never retries Anthropic’s spend limit (429) or a low credit balance (400)', async () => {
    await boot({ defaultProvider: 'claude' });
    sandbox.state.anthropic.spendLimitReached = true;
    const spend = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false }));
    expect(spend.failures[0]).toMatchObject({ reason: 'quota_exhausted', status: 429, attempts: 1 });
    const cause = spend.cause as AiProviderError;
    expect(cause).toBeInstanceOf(AiProviderError);
    expect(cause).toMatchObject({ code: 'enforced_spend_limit_reached', quotaExhausted: true, retryable: false, requestId: expect.stringMatching(/^req_/) });
    sandbox.state.anthropic.spendLimitReached = false;
    sandbox.state.anthropic.creditBalanceTooLow = true;
    const credit = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false }));
    expect(credit.failures[0]).toMatchObject({ reason: 'quota_exhausted', status: 400, attempts: 1 });
    expect(sandbox.state.requests.count('anthropic')).toBe(2);
  });

  it('retries 529 overloaded_error from Anthropic', async () => {
    await boot({ defaultProvider: 'claude' });
    sandbox.faults.inject('anthropic', { status: 529, times: 2 });
    const r = await h.ai.chat({ messages: ask('hi'), fallback: false });
    expect(r).toMatchObject({ provider: 'claude', text: 'Echo: hi', attempts: 3 });
    expect(attempts.slice(0, 2).map((a) => a.status)).toEqual([529, 529]);
  });

  it('does not retry other 4xx (a 400 is the request’s fault)', async () => {
    await boot();
    sandbox.faults.inject('openai', { status: 400, body: { error: { message: "Invalid 'messages'", type: 'invalid_request_error', param: 'messages', code: 'invalid_value' } } });
    const error = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false }));
    expect(error.failures[0]).toMatchObject({ reason: 'rejected', status: 400, attempts: 1 });
    expect(openaiCalls()).toBe(1);
  });

  it('lets x-should-retry: false stop a retry of a 503', async () => {
    await boot();
    sandbox.faults.inject('openai', { status: 503, headers: { 'x-should-retry': 'false' } });
    const error = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false }));
    expect(error.failures[0]).toMatchObject({ reason: 'rejected', status: 503, attempts: 1 });
    expect(openaiCalls()).toBe(1);
  });

  it('never retries a 400 because the server sent x-should-retry: true (other 4xx are the request’s fault)', async () => {
    await boot();
    sandbox.faults.inject('openai', { status: 400, headers: { 'x-should-retry': 'true' } });
    const error = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false }));
    expect(error.failures[0]).toMatchObject({ reason: 'rejected', status: 400, attempts: 1 });
    expect(openaiCalls()).toBe(1);
    expect(attempts.map((a) => [a.outcome, a.status])).toEqual([['failed', 400]]);
  });

  it('retries only 500–504 and 529 among 5xx: a 505 is not retried, even with x-should-retry: true', async () => {
    await boot();
    sandbox.faults.inject('openai', { status: 505 });
    const error = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false }));
    expect(error.failures[0]).toMatchObject({ reason: 'rejected', status: 505, attempts: 1 });
    sandbox.faults.inject('anthropic', { status: 505, headers: { 'x-should-retry': 'true' } });
    const claude = await failureOf(h.ai.chat({ provider: 'claude', messages: ask('hi'), fallback: false }));
    expect(claude.failures[0]).toMatchObject({ reason: 'rejected', status: 505, attempts: 1 });
    expect([openaiCalls(), sandbox.state.requests.count('anthropic')]).toEqual([1, 1]);
    // 501 is within 500–504: it is retried.
    sandbox.faults.inject('openai', { status: 501 });
    expect(await h.ai.chat({ messages: ask('hi'), fallback: false })).toMatchObject({ attempts: 2, text: 'Echo: hi' });
  });

  it('times out a hung connection per attempt and retries it', async () => {
    await boot({ retry: { ...FAST_RETRY, timeoutMs: 300 } });
    sandbox.faults.inject('openai', { hang: true });
    const started = Date.now();
    const r = await h.ai.chat({ messages: ask('hi'), fallback: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(r.attempts).toBe(2);
    expect(attempts[0]?.attributes['error.type']).toBe('AiTimeoutError');
    sandbox.faults.inject('openai', { hang: true, times: 10 });
    const error = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false, timeoutMs: 100 }));
    expect(error.cause).toBeInstanceOf(AiTimeoutError);
    expect(error.failures[0]).toMatchObject({ reason: 'retries_exhausted', attempts: 4 });
  });

  it('times out a connection that stalls mid-body (headers sent, body never finished) per attempt, then falls back', async () => {
    const stall = await startStallingServer();
    try {
      h = await startAi({ providers: { stalled: { kind: 'openai', baseURL: stall.baseURL }, ...sandboxProviders(sandbox) }, defaultProvider: 'stalled', fallback: ['claude'], retry: { ...FAST_RETRY, timeoutMs: 300, maxRetries: 1 } });
      const started = Date.now();
      const r = await h.ai.chat({ messages: ask('hi') });
      const elapsed = Date.now() - started;
      expect(stall.stalled()).toBe(2);
      expect(r).toMatchObject({ provider: 'claude', text: 'Echo: hi', attempts: 3 });
      expect(r.fallbacks).toEqual([{ provider: 'stalled', reason: 'retries_exhausted', attempts: 2, message: expect.stringContaining('did not answer within 300 ms') }]);
      expect(attempts.slice(0, 2).map((a) => [a.provider, a.attributes['error.type']])).toEqual([['stalled', 'AiTimeoutError'], ['stalled', 'AiTimeoutError']]);
      // Two attempts of 300 ms each (the body read is under the attempt's timeout), not a hang.
      expect(elapsed).toBeGreaterThanOrEqual(600);
      expect(elapsed).toBeLessThan(600 + 1500);
    } finally {
      await stall.close();
    }
  });

  it('stops at the overall deadline instead of waiting past it', async () => {
    await boot();
    sandbox.faults.inject('openai', { status: 429, headers: { 'retry-after': '5' } });
    const started = Date.now();
    const error = await failureOf(h.ai.chat({ messages: ask('hi'), fallback: false, deadlineMs: 1000 }));
    expect(Date.now() - started).toBeLessThan(900);
    expect(error.failures[0]).toMatchObject({ reason: 'rate_limited', status: 429, attempts: 1 });
  });

  it('a fallback that finds no time left fails with reason deadline (AiTimeoutError)', async () => {
    await boot({ fallback: ['claude'] });
    sandbox.faults.inject('openai', { hang: true });
    const error = await failureOf(h.ai.chat({ messages: ask('hi'), deadlineMs: 300 }));
    expect(error.failures.map((f) => [f.provider, f.reason])).toEqual([['openai', 'retries_exhausted'], ['claude', 'deadline']]);
    expect(error.cause).toBeInstanceOf(AiTimeoutError);
    expect((error.cause as AiTimeoutError).kind).toBe('deadline');
    expect(sandbox.state.requests.count('anthropic')).toBe(0);
  });

  it('retries network errors (nothing listening) and says so', async () => {
    const port = await freePort();
    h = await startAi({ providers: { dead: { kind: 'openai', baseURL: `http://127.0.0.1:${port}/v1` } }, retry: { ...FAST_RETRY, maxRetries: 2 } });
    const error = await failureOf(h.ai.chat({ messages: ask('hi') }));
    expect(error.cause).toBeInstanceOf(AiNetworkError);
    expect(error.failures[0]).toMatchObject({ provider: 'dead', reason: 'retries_exhausted', attempts: 3, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('an abort from the caller stops everything, without fallback', async () => {
    await boot({ fallback: ['claude'] });
    sandbox.faults.inject('openai', { hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 100);
    await expect(h.ai.chat({ messages: ask('hi'), signal: controller.signal })).rejects.toThrow('caller gave up');
    expect(sandbox.state.requests.count('anthropic')).toBe(0);
  });
});
