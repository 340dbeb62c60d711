import { IsIn } from 'class-validator';
import { Webhook } from 'standardwebhooks';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import Bull, { type Queue } from 'bull';
import { Redis } from 'ioredis';
import { AI_QUEUE, AI_QUEUE_NAME, AiConfigurationError, SsrfBlockedError, jobChannel, type AiJob, type AiJobCallbackBody, type AiJobMessage } from '@aiwire/ai';
import { REDIS_URL } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { FAST_RETRY, ask, sandboxProviders, startAi, type AiHarness, type HarnessOptions } from './ai-harness.js';
import { startDrippingReceiver, startReceiver } from './callback-receiver.js';

class PickDto {
  @IsIn(['x', 'y']) label!: string;
}

const SECRET = `whsec_${Buffer.from('aiwire-ai-callback-secret-0123456789').toString('base64')}`;

describe('async jobs', () => {
  let sandbox: Sandbox;
  let h: AiHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const boot = async (options: Partial<HarnessOptions> = {}, statuses: number[] = []): Promise<void> => {
    receiver = await startReceiver(statuses);
    h = await startAi({
      providers: sandboxProviders(sandbox),
      defaultProvider: 'openai',
      retry: { ...FAST_RETRY, maxRetries: 0 },
      ...options,
      jobs: { callbackSecret: SECRET, callbackAllowHosts: ['127.0.0.1'], callbackBackoffMs: 50, ...options.jobs },
    });
  };
  const done = (jobId: string): Promise<AiJob> => waitFor(async () => {
    const job = await h.jobs.get(jobId);
    return job && (job.status === 'completed' || job.status === 'failed') ? job : undefined;
  }, 10_000, `job ${jobId}`);

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
    await sandbox.close();
  });

  it('runs a job to completion and delivers a callback signed with Standard Webhooks', async () => {
    await boot();
    const events: AiJobMessage[] = [];
    const listen = (m: AiJobMessage): void => void events.push(m);
    jobChannel.subscribe(listen);
    try {
      sandbox.faults.inject('openai', { delayMs: 300 });
      const { jobId } = await h.jobs.submit({ messages: ask('Analyse this feedback') }, { callbackUrl: receiver.url });
      expect(['queued', 'running']).toContain((await h.jobs.get(jobId))?.status);
      const job = await done(jobId);
      expect(job).toMatchObject({ jobId, status: 'completed', runs: 1, result: { text: 'Echo: Analyse this feedback', provider: 'openai' } });
      await waitFor(() => receiver.received.length === 1, 5000, 'callback');
      const [delivery] = receiver.received;
      const verified = new Webhook(SECRET).verify(delivery?.body ?? '', delivery?.headers as Record<string, string>) as AiJobCallbackBody;
      expect(verified).toMatchObject({ type: 'ai.job.completed', data: { jobId, status: 'completed', result: { text: 'Echo: Analyse this feedback' } } });
      expect(delivery?.headers['webhook-id']).toBe(`msg_${jobId}`);
      await waitFor(async () => (await h.jobs.get(jobId))?.callback?.state === 'delivered', 5000, 'callback state');
      expect((await h.jobs.get(jobId))?.callback).toMatchObject({ host: receiver.url.replace(/^http:\/\/|\/ai-done$/g, ''), state: 'delivered', attempts: 1, lastStatus: 200 });
      expect(events.map((e) => e.event)).toEqual(['queued', 'running', 'completed', 'callback_delivered']);
    } finally {
      jobChannel.unsubscribe(listen);
    }
  });

  it('retries a callback the receiver refuses, with backoff, keeping the same webhook-id', async () => {
    await boot({}, [500, 503]);
    const { jobId } = await h.jobs.submit({ messages: ask('retry my callback') }, { callbackUrl: receiver.url });
    await waitFor(() => receiver.received.length === 3, 10_000, 'three deliveries');
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids)).toEqual(new Set([`msg_${jobId}`]));
    for (const r of receiver.received) expect(() => new Webhook(SECRET).verify(r.body, r.headers as Record<string, string>)).not.toThrow();
    await waitFor(async () => (await h.jobs.get(jobId))?.callback?.state === 'delivered', 5000, 'delivered');
    expect((await h.jobs.get(jobId))?.callback).toMatchObject({ attempts: 3, lastStatus: 200 });
    expect(h.logs.text()).toContain(`AI job ${jobId}: callback attempt 1/8 failed (the receiver answered 500)`);
  });

  it('spaces callback retries with exponential backoff and full jitter from callbackBackoffMs', async () => {
    await boot({ jobs: { callbackBackoffMs: 200 } }, [500, 500, 500, 500]);
    const { jobId } = await h.jobs.submit({ messages: ask('space my retries') }, { callbackUrl: receiver.url });
    await waitFor(async () => (await h.jobs.get(jobId))?.callback?.state === 'delivered', 15_000, 'fifth delivery');
    const gaps = receiver.received.slice(1).map((r, i) => r.at - (receiver.received[i]?.at ?? 0));
    expect(gaps).toHaveLength(4);
    // Retry n waits a random 0..200·2^(n-1) ms: never more (plus a little delivery time) …
    gaps.forEach((gap, i) => expect(gap, `gap ${i + 1}`).toBeLessThan(200 * 2 ** i + 400));
    // … and not nothing: all four under 50 ms would happen once in ~16 000 runs with the backoff.
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(50);
  });

  it('keeps job states and results for jobs.resultTtlSeconds', async () => {
    await boot({ jobs: { resultTtlSeconds: 120 } });
    const { jobId } = await h.jobs.submit({ messages: ask('keep me a while') });
    await done(jobId);
    const redis = new Redis(REDIS_URL);
    try {
      const ttl = await redis.ttl(`${h.prefix}:job:${jobId}`);
      expect(ttl).toBeGreaterThan(110);
      expect(ttl).toBeLessThanOrEqual(120);
    } finally {
      redis.disconnect();
    }
  });

  it('queues on the Bull queue named `ai` under jobs.queuePrefix, where any Bull client finds the job', async () => {
    await boot({ jobs: { workers: false } });
    const { jobId } = await h.jobs.submit({ messages: ask('who queued me') });
    expect(h.app.get<Queue>(AI_QUEUE).name).toBe('ai');
    const outside = new Bull(AI_QUEUE_NAME, { prefix: h.prefix, redis: REDIS_URL });
    try {
      expect(AI_QUEUE_NAME).toBe('ai');
      const job = await outside.getJob(jobId);
      expect(job).toMatchObject({ id: jobId, name: 'chat', data: { jobId, request: { messages: ask('who queued me') } } });
      expect(await outside.getWaitingCount()).toBe(1);
    } finally {
      await outside.close();
    }
  });

  it('checks the callback URL again at delivery: a host the worker does not allow is refused there, once, never sent', async () => {
    // The API process allows the loopback receiver; the worker process (as after a config change) does not.
    await boot({ jobs: { workers: false } });
    const worker = await startAi({
      providers: sandboxProviders(sandbox),
      defaultProvider: 'openai',
      keyPrefix: h.prefix,
      jobs: { queuePrefix: h.prefix, callbackSecret: SECRET, callbackAllowHosts: [], callbackBackoffMs: 50 },
    });
    try {
      const { jobId } = await h.jobs.submit({ messages: ask('deliver me') }, { callbackUrl: receiver.url });
      await waitFor(async () => (await h.jobs.get(jobId))?.callback?.state === 'failed', 10_000, 'refused delivery');
      const job = await h.jobs.get(jobId);
      expect(job).toMatchObject({ status: 'completed', result: { text: 'Echo: deliver me' }, callback: { state: 'failed', attempts: 1 } });
      expect(job?.callback?.lastError).toContain('Refused to call "127.0.0.1": it is a loopback address');
      // An SSRF refusal is final: no retry comes later.
      await new Promise((r) => setTimeout(r, 500));
      expect((await h.jobs.get(jobId))?.callback?.attempts).toBe(1);
      expect(receiver.received).toHaveLength(0);
      expect(worker.logs.text()).toContain(`AI job ${jobId}: callback given up after its last attempt`);
    } finally {
      await worker.app.close();
    }
  });

  it('gives a callback up after its last attempt and keeps the result readable', async () => {
    await boot({ jobs: { callbackAttempts: 2 } }, [500, 500, 500]);
    const { jobId } = await h.jobs.submit({ messages: ask('nobody listens') }, { callbackUrl: receiver.url });
    await waitFor(async () => (await h.jobs.get(jobId))?.callback?.state === 'failed', 10_000, 'given up');
    expect(receiver.received).toHaveLength(2);
    expect((await h.jobs.get(jobId))?.result?.text).toBe('Echo: nobody listens');
    expect(h.logs.text()).toContain('callback given up after its last attempt');
  });

  it('ends a callback to a receiver that drips at jobs.callbackTimeoutMs, retries it as any failure, and frees the worker', async () => {
    const dripping = await startDrippingReceiver('response-body', 50);
    try {
      // One callback slot: a delivery that held it would stop every later callback.
      await boot({ jobs: { concurrency: 1, callbackTimeoutMs: 500, callbackAttempts: 2 } });
      const { jobId } = await h.jobs.submit({ messages: ask('drip on me') }, { callbackUrl: dripping.url });
      await waitFor(async () => (await h.jobs.get(jobId))?.callback?.state === 'failed', 10_000, 'given up');
      expect((await h.jobs.get(jobId))?.callback).toMatchObject({ state: 'failed', attempts: 2, lastError: expect.stringContaining('no complete answer within 500 ms') });
      expect(h.logs.text()).toContain(`AI job ${jobId}: callback attempt 1/2 failed (no complete answer within 500 ms`);
      // Each attempt's connection was cut at the deadline (plus timer and teardown slack), by the sender.
      expect(dripping.connections).toHaveLength(2);
      for (const c of dripping.connections) expect((c.closedAt ?? Infinity) - c.openedAt).toBeLessThan(500 + 300);
      const next = await h.jobs.submit({ messages: ask('after the drip') }, { callbackUrl: receiver.url });
      await waitFor(async () => (await h.jobs.get(next.jobId))?.callback?.state === 'delivered', 5000, 'the next callback');
    } finally {
      await dripping.close();
    }
  });

  it('stops retrying a callback at once when the receiver answers 410 Gone', async () => {
    await boot({}, [410]);
    const { jobId } = await h.jobs.submit({ messages: ask('gone') }, { callbackUrl: receiver.url });
    await waitFor(async () => (await h.jobs.get(jobId))?.callback?.state === 'failed', 10_000, 'given up');
    expect(receiver.received).toHaveLength(1);
    expect((await h.jobs.get(jobId))?.callback).toMatchObject({ attempts: 1, lastStatus: 410, lastError: 'the receiver answered 410' });
  });

  it('a failed job is reported as failed, with every provider’s failure, and its callback says so', async () => {
    await boot({ fallback: ['claude'] });
    sandbox.state.openai.quotaExhausted = true;
    sandbox.faults.inject('anthropic', { status: 401 });
    const { jobId } = await h.jobs.submit({ messages: ask('doomed') }, { callbackUrl: receiver.url });
    const job = await done(jobId);
    expect(job).toMatchObject({ status: 'failed', error: { name: 'AiUnavailableError', failures: [{ provider: 'openai', reason: 'quota_exhausted' }, { provider: 'claude', reason: 'rejected' }] } });
    await waitFor(() => receiver.received.length === 1, 5000, 'callback');
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({ type: 'ai.job.failed', data: { status: 'failed', error: { name: 'AiUnavailableError' } } });
  });

  it('refuses callback URLs that reach loopback, private or link-local addresses unless allowlisted', async () => {
    await boot({ jobs: { callbackAllowHosts: [] } });
    for (const url of [receiver.url, 'http://10.0.0.7/hook', 'http://169.254.169.254/latest/meta-data', 'http://localhost:8080/x', 'ftp://example.com/x', 'http://[::1]/x']) {
      await expect(h.jobs.submit({ messages: ask('x') }, { callbackUrl: url }), url).rejects.toBeInstanceOf(SsrfBlockedError);
    }
    expect(sandbox.state.requests.count('openai')).toBe(0);
  });

  it('needs a callback secret to accept a callback URL', async () => {
    await boot({ jobs: { callbackSecret: '' } });
    await expect(h.jobs.submit({ messages: ask('x') }, { callbackUrl: receiver.url })).rejects.toThrow(AiConfigurationError);
    await expect(h.jobs.submit({ messages: [] })).rejects.toThrow('messages must be a non-empty array');
  });

  it('is idempotent on a given jobId, converts class schemas to JSON Schema, and answers undefined for unknown jobs', async () => {
    await boot();
    const first = await h.jobs.submit({ messages: ask('once'), schema: PickDto }, { jobId: 'order-42-review' });
    const again = await h.jobs.submit({ messages: ask('once'), schema: PickDto }, { jobId: 'order-42-review' });
    expect(first).toEqual({ jobId: 'order-42-review' });
    expect(again).toEqual(first);
    const job = await done('order-42-review');
    expect(job.result?.json).toEqual({ label: 'x' });
    const sent = sandbox.state.openai.completions[0]?.body.response_format as { json_schema: { name: string; schema: { properties: { label: { enum: string[] } } } } };
    expect(sent.json_schema.name).toBe('PickDto');
    expect(sent.json_schema.schema.properties.label.enum).toEqual(['x', 'y']);
    expect(sandbox.state.requests.count('openai')).toBe(1);
    expect(await h.jobs.get('no-such-job')).toBeUndefined();
  });

  it('an API-only process queues; a worker process runs the job', async () => {
    await boot({ jobs: { workers: false } });
    const worker = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', keyPrefix: h.prefix, jobs: { queuePrefix: h.prefix } });
    try {
      const { jobId } = await h.jobs.submit({ messages: ask('split roles') });
      const job = await done(jobId);
      expect(job.result?.text).toBe('Echo: split roles');
    } finally {
      await worker.app.close();
    }
  });
});
