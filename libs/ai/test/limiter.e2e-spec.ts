import { Redis } from 'ioredis';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { rateLimitChannel, type AiRateLimitMessage } from '@aiwire/ai';
import { REDIS_URL } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { FAST_RETRY, ask, sandboxProviders, startAi, type AiHarness } from './ai-harness.js';

describe('shared rate limits', () => {
  let sandbox: Sandbox;
  let h: AiHarness;
  let other: AiHarness | undefined;
  let redis: Redis;
  const served429 = (service: 'openai' | 'anthropic') => sandbox.state.requests.filter(service).filter((r) => r.status === 429).length;

  beforeEach(() => {
    redis = new Redis(REDIS_URL);
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await h.close();
    await sandbox.close();
    redis.disconnect();
  });

  it('callers wait for the bucket instead of failing (and it is published)', async () => {
    sandbox = await startSandbox({ seed: false });
    // A slow shared machine must not turn this into a timeout test.
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', limits: { openai: { rpm: 600 } }, retry: { ...FAST_RETRY, timeoutMs: 15_000, deadlineMs: 30_000 } });
    const waits: AiRateLimitMessage[] = [];
    const listen = (m: AiRateLimitMessage): void => void waits.push(m);
    rateLimitChannel.subscribe(listen);
    try {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 605 }, (_, i) => h.ai.chat({ messages: ask(`n${i}`), maxTokens: 5 })));
      expect(results.every((r) => r.provider === 'openai')).toBe(true);
      // 600 fit the full bucket; the last 5 wait for 10/s of refill: at least ~400 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(waits.length).toBeGreaterThanOrEqual(5);
      expect(waits.every((w) => w.provider === 'openai' && w.waitedMs > 0)).toBe(true);
    } finally {
      rateLimitChannel.unsubscribe(listen);
    }
  });

  it('reserves prompt + maxTokens of TPM and gives back what the answer did not use', async () => {
    sandbox = await startSandbox({ seed: false });
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', limits: { openai: { tpm: 100_000 } }, retry: FAST_RETRY });
    const r = await h.ai.chat({ messages: ask('count my tokens'), maxTokens: 5_000 });
    const used = r.usage.inputTokens + r.usage.outputTokens;
    // Reconciling happens just after the answer is handed back.
    const level = await waitFor(async () => {
      const tokens = Number(await redis.hget(`${h.prefix}:rl:{openai}:tpm`, 'tokens'));
      return tokens >= 100_000 - used ? tokens : undefined;
    }, 2000, 'reconciled bucket');
    // Full minus what was really used (a little refill may have come back meanwhile).
    expect(level).toBeGreaterThanOrEqual(100_000 - used);
    expect(level).toBeLessThan(100_000 - used + 50);
  });

  it('without maxTokens reserves what the provider may write: Anthropic’s max_tokens, OpenAI’s reservedOutputTokens', async () => {
    sandbox = await startSandbox({ seed: false });
    h = await startAi({
      providers: { ...sandboxProviders(sandbox), openai: { kind: 'openai', apiKey: sandbox.credentials.openaiApiKey, baseURL: `${sandbox.urls.openai}/v1`, reservedOutputTokens: 2000 } },
      defaultProvider: 'openai',
      limits: { openai: { tpm: 100_000 }, claude: { tpm: 100_000 } },
      retry: FAST_RETRY,
    });
    sandbox.state.openai.latencyMs = 300;
    sandbox.state.anthropic.latencyMs = 300;
    // A bucket key that expired (refilled) reads as full.
    const level = async (provider: string): Promise<number> => Number((await redis.hget(`${h.prefix}:rl:{${provider}}:tpm`, 'tokens')) ?? 100_000);
    const prompt = 3 + Math.ceil(Buffer.byteLength('write as much as you like') / 4) + 4;
    for (const [provider, service, output] of [['openai', 'openai', 2000], ['claude', 'anthropic', 1024]] as const) {
      const call = h.ai.chat({ provider, messages: ask('write as much as you like'), fallback: false });
      // While the model writes, the bucket holds the prompt and the longest answer it may give.
      await waitFor(() => sandbox.state.requests.count(service) === 1, 2000, `${provider} request`);
      expect(100_000 - (await level(provider))).toBe(prompt + output);
      const r = await call;
      expect(r.usage.outputTokens).toBeLessThan(20);
      // Then the unused part comes back (Anthropic's whole-second resets tighten it a little more).
      await waitFor(async () => (await level(provider)) > 100_000 - prompt - output + 500, 2000, `${provider} reconciled`);
    }
    // Nothing extra went on the wire: OpenAI got no max_tokens, Anthropic its required default.
    expect(sandbox.state.openai.completions[0]?.body).not.toHaveProperty('max_tokens');
    expect(sandbox.state.anthropic.messages[0]?.body).toMatchObject({ max_tokens: 1024 });
  });

  it('tightens from OpenAI’s x-ratelimit headers: a quota smaller than configured is respected, no 429 served', async () => {
    sandbox = await startSandbox({ seed: false, limits: { openai: { rpm: 5 } } });
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', fallback: ['local'], limits: { openai: { rpm: 1000, maxWaitMs: 500 } }, retry: FAST_RETRY });
    for (let i = 0; i < 5; i++) expect((await h.ai.chat({ messages: ask(`n${i}`) })).provider).toBe('openai');
    const sixth = await h.ai.sentiment('I love it');
    expect(sixth.label).toBe('positive');
    expect(served429('openai')).toBe(0);
    expect(sandbox.state.requests.count('openai')).toBe(5);
    // `remaining: 0` with a reset about 12 s away (Go duration) landed in our bucket, refilled at the reported 5/min.
    expect(Number(await redis.hget(`${h.prefix}:rl:{openai}:rpm`, 'tokens'))).toBeLessThan(1);
  });

  it('tightens from Anthropic’s anthropic-ratelimit headers (RFC 3339 resets)', async () => {
    sandbox = await startSandbox({ seed: false, limits: { anthropic: { rpm: 3 } } });
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'claude', limits: { claude: { rpm: 1000, maxWaitMs: 2000 } }, retry: FAST_RETRY });
    // Resets come in whole seconds (rounded up), so the third call may wait up to a second.
    for (let i = 0; i < 3; i++) await h.ai.chat({ messages: ask(`n${i}`) });
    const fourth = await h.ai.chat({ messages: ask('too many'), fallback: ['local'] }).catch((e: unknown) => e);
    expect(fourth).toBeInstanceOf(Error);
    expect((fourth as { failures: { provider: string; reason: string; attempts: number }[] }).failures[0]).toMatchObject({ provider: 'claude', reason: 'rate_limited', attempts: 0 });
    expect(served429('anthropic')).toBe(0);
  });
  // Issue 8: one normal answer must not stall the limiter of every process. The answers carry the
  // providers' documented headers (set on a real answer of the stand-in, at the network boundary).
  describe.each([
    ['issue 8: x-ratelimit-remaining-tokens 1999000, reset 6m0s', { 'x-ratelimit-remaining-tokens': '1999000', 'x-ratelimit-reset-tokens': '6m0s' }, 1_999_000],
    [
      'OpenAI’s rate-limit guide: 60 / 150000 / 59 / 149984 / 1s / 6m0s',
      { 'x-ratelimit-limit-requests': '60', 'x-ratelimit-limit-tokens': '150000', 'x-ratelimit-remaining-requests': '59', 'x-ratelimit-remaining-tokens': '149984', 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' },
      149_984,
    ],
  ])('an OpenAI answer with %s', (_name, headers, remaining) => {
    it('leaves later calls in every process going at once on OpenAI, with the bucket at what remains', async () => {
      sandbox = await startSandbox({ seed: false });
      // The config of issue 8, with a fallback so that a stalled limiter shows as calls served by `local`.
      const options = { providers: sandboxProviders(sandbox), defaultProvider: 'openai', fallback: ['local'], limits: { openai: { rpm: 6000, tpm: 10_000_000 } }, retry: FAST_RETRY };
      h = await startAi(options);
      // A second instance on the same Redis prefix: another process of the same app.
      other = await startAi({ ...options, keyPrefix: h.prefix, jobs: { queuePrefix: h.prefix } });
      sandbox.faults.inject('openai', { afterHandler: true, status: 200, body: openAiCompletion('Echo: first'), headers });
      expect((await h.ai.chat({ messages: ask('first'), maxTokens: 50 })).provider).toBe('openai');
      // The report lands just after the answer: the bucket goes to what the provider says remains, not below.
      const tpm = await waitFor(async () => {
        const tokens = Number((await redis.hget(`${h.prefix}:rl:{openai}:tpm`, 'tokens')) ?? Number.POSITIVE_INFINITY);
        return tokens <= remaining + 1000 ? tokens : undefined;
      }, 2000, 'report applied');
      expect(tpm).toBeGreaterThanOrEqual(remaining - 1000);

      const waits: AiRateLimitMessage[] = [];
      const listen = (m: AiRateLimitMessage): void => void waits.push(m);
      rateLimitChannel.subscribe(listen);
      try {
        const started = Date.now();
        const later = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other! : h).ai.chat({ messages: ask(`later ${i}`), maxTokens: 50 })));
        expect(later.map((r) => r.provider)).toEqual(Array(10).fill('openai'));
        expect(Date.now() - started).toBeLessThan(5000);
        expect(waits).toEqual([]);
      } finally {
        rateLimitChannel.unsubscribe(listen);
      }
      expect(served429('openai')).toBe(0);
    });
  });

  it('an Anthropic answer with every documented header, resets already past (2024-11-05T14:25:00Z), lowers the bucket and stalls nothing', async () => {
    sandbox = await startSandbox({ seed: false });
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'claude', fallback: ['local'], limits: { claude: { rpm: 6000, tpm: 10_000_000 } }, retry: FAST_RETRY });
    const past = '2024-11-05T14:25:00Z';
    sandbox.faults.inject('anthropic', {
      afterHandler: true,
      status: 200,
      body: anthropicMessage('Echo: first'),
      headers: {
        'anthropic-ratelimit-requests-limit': '1000', 'anthropic-ratelimit-requests-remaining': '4', 'anthropic-ratelimit-requests-reset': past,
        'anthropic-ratelimit-tokens-limit': '96000', 'anthropic-ratelimit-tokens-remaining': '90000', 'anthropic-ratelimit-tokens-reset': past,
        'anthropic-ratelimit-input-tokens-limit': '80000', 'anthropic-ratelimit-input-tokens-remaining': '78000', 'anthropic-ratelimit-input-tokens-reset': past,
        'anthropic-ratelimit-output-tokens-limit': '16000', 'anthropic-ratelimit-output-tokens-remaining': '12000', 'anthropic-ratelimit-output-tokens-reset': past,
      },
    });
    expect((await h.ai.chat({ messages: ask('first'), maxTokens: 50 })).provider).toBe('claude');
    // A reset past by our clock still says what remains now: 4 requests (of a 1000/min limit, refilling ~17/s).
    const rpm = await waitFor(async () => {
      const tokens = Number((await redis.hget(`${h.prefix}:rl:{claude}:rpm`, 'tokens')) ?? Number.POSITIVE_INFINITY);
      return tokens <= 10 ? tokens : undefined;
    }, 2000, 'report applied');
    expect(rpm).toBeGreaterThanOrEqual(4);
    const later = await Promise.all(Array.from({ length: 8 }, (_, i) => h.ai.chat({ messages: ask(`later ${i}`), maxTokens: 50 })));
    expect(later.map((r) => r.provider)).toEqual(Array(8).fill('claude'));
    expect(served429('anthropic')).toBe(0);
  });
});

/** A complete Chat Completions answer, as OpenAI sends it. */
function openAiCompletion(content: string): Record<string, unknown> {
  return {
    id: 'chatcmpl-issue8',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
  };
}

/** A complete Messages answer, as Anthropic sends it. */
function anthropicMessage(text: string): Record<string, unknown> {
  return {
    id: 'msg_01issue8',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 9, output_tokens: 3 },
  };
}
