import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { compileFixture, startChild, type ChildApp } from '../../../test/support/processes.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';

const script = compileFixture(new URL('./fixtures/ai-worker.ts', import.meta.url).pathname, ['core', 'webhooks', 'ai']);

/** The last line a child printed, parsed. */
async function resultOf<T>(child: ChildApp): Promise<T> {
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`child exited ${code}:\n${child.output()}`);
  const line = child.output().trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`child printed no result line:\n${child.output()}`);
  }
}

describe('several processes on one Redis (built dist, plain node)', () => {
  let sandbox: Sandbox;
  let prefix: string;
  const base = () => ({ REDIS_URL, PREFIX: prefix, OPENAI_KEY: sandbox.credentials.openaiApiKey, OPENAI_BASE_URL: `${sandbox.urls.openai}/v1` });

  beforeEach(() => {
    prefix = uniquePrefix('ai-proc');
  });
  afterEach(async () => {
    await sandbox.close();
    await deleteKeys(prefix);
  });

  it('100 identical concurrent calls from 2 processes make exactly one upstream request', async () => {
    sandbox = await startSandbox({ seed: false });
    sandbox.faults.inject('openai', { delayMs: 500 });
    const startAt = String(Date.now() + 2500);
    const children = [0, 1].map(() => startChild(script, { ...base(), MODE: 'stampede', START_AT: startAt, CALLS: '50', PROMPT: 'one answer for all' }));
    const results = await Promise.all(children.map((c) => resultOf<{ texts: string[]; fresh: number }>(c)));
    expect(sandbox.state.requests.count('openai', 'POST /v1/chat/completions')).toBe(1);
    expect(results.flatMap((r) => r.texts)).toEqual(['Echo: one answer for all', 'Echo: one answer for all']);
    expect(results.reduce((sum, r) => sum + r.fresh, 0)).toBe(1);
  }, 60_000);

  it('the shared limiter keeps 3 processes under the quota the server enforces: zero 429s served', async () => {
    const rpm = 120;
    sandbox = await startSandbox({ seed: false, limits: { openai: { rpm } } });
    const durationMs = 10_000;
    const started = Date.now();
    const children = [0, 1, 2].map(() => startChild(script, { ...base(), MODE: 'load', RPM: String(rpm), MAX_TOKENS: '16', CONCURRENCY: '3', DURATION_MS: String(durationMs) }));
    const results = await Promise.all(children.map((c) => resultOf<{ ok: number; failed: number; attempts: number }>(c)));
    const served = sandbox.state.requests.filter('openai', 'POST /v1/chat/completions');
    const tooMany = served.filter((r) => r.status === 429).length;
    expect(tooMany).toBe(0);
    expect(results.reduce((s, r) => s + r.failed, 0)).toBe(0);
    const ok = results.reduce((s, r) => s + r.ok, 0);
    expect(ok).toBe(served.length);
    // The quota allows the full bucket plus the refill over the run; the limiter should use most of it.
    const elapsedMin = (Date.now() - started) / 60_000;
    const allowed = rpm + rpm * elapsedMin;
    expect(ok).toBeLessThanOrEqual(allowed);
    expect(ok).toBeGreaterThanOrEqual(rpm + rpm * (durationMs / 60_000) * 0.8);
  }, 90_000);

  it('without maxTokens the limiter reserves what a call may write: 3 processes stay under the TPM quota the server enforces (zero 429s)', async () => {
    const tpm = 5000;
    sandbox = await startSandbox({ seed: false, limits: { openai: { tpm }, anthropic: { outputTpm: tpm } } });
    // The model takes its time: what the server charged up front (prompt + the most the call may
    // write: OpenAI's 1024 without a max, Anthropic's max_tokens 1024) stays charged meanwhile, so
    // 9 callers per provider (3 per process) want twice the quota at once.
    sandbox.state.openai.latencyMs = 200;
    sandbox.state.anthropic.latencyMs = 200;
    const durationMs = 4000;
    const env = { ...base(), ANTHROPIC_KEY: sandbox.credentials.anthropicApiKey, ANTHROPIC_BASE_URL: sandbox.urls.anthropic, MODE: 'load', PROVIDERS: 'openai,claude', TPM: String(tpm), CONCURRENCY: '3', DURATION_MS: String(durationMs), START_AT: String(Date.now() + 3000) };
    const children = [0, 1, 2].map(() => startChild(script, env));
    const results = await Promise.all(children.map((c) => resultOf<{ ok: number; failed: number; attempts: number }>(c)));
    const openai = sandbox.state.requests.filter('openai', 'POST /v1/chat/completions');
    const anthropic = sandbox.state.requests.filter('anthropic', 'POST /v1/messages');
    expect([openai, anthropic].map((served) => served.filter((r) => r.status === 429).length)).toEqual([0, 0]);
    expect(results.reduce((s, r) => s + r.failed, 0)).toBe(0);
    expect(results.reduce((s, r) => s + r.ok, 0)).toBe(openai.length + anthropic.length);
    // The quota holds 4 such calls at a time: at 200 ms each, well over 2 per second got through.
    for (const served of [openai, anthropic]) expect(served.length).toBeGreaterThanOrEqual((2 * durationMs) / 1000);
    expect(openai.every((r) => r.status === 200) && anthropic.every((r) => r.status === 200)).toBe(true);
  }, 90_000);
});
