import request from 'supertest';
import { Redis } from 'ioredis';
import { createChannel, currentCorrelation, enableCorrelation, runWithCorrelation } from '@aiwire/core';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { signWebhook } from '@aiwire/webhooks/testing';
import type { WebhookIntakeMessage } from '@aiwire/webhooks';
import type { AiAttemptMessage } from '@aiwire/ai';
import type { HttpAttemptMessage } from '@aiwire/connectors';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { startAi } from '../../ai/test/ai-harness.js';
import { HANDLER_MODEL, HELPDESK_SECRET, JOB_MODEL, ticket, tracingHost, type HandlerRun } from './fixtures/tracing-host.js';

// Listened to by name, as @aiwire/monitoring does; each message is kept with the correlation id
// current when it was published (the publisher's async context).
const seen = <T>(name: string) => {
  const messages: { message: T; correlationId: string | undefined }[] = [];
  const listener = (message: T) => messages.push({ message, correlationId: currentCorrelation()?.correlationId });
  const channel = createChannel<T>(name);
  channel.subscribe(listener);
  return { messages, stop: () => channel.unsubscribe(listener) };
};

describe.each(PLATFORMS)('one correlation id from a webhook through its handler, AI calls, AI jobs and connector calls, on %s', (platform) => {
  let sandbox: Sandbox;
  let running: RunningApp;
  let prefix: string;
  const runs: HandlerRun[] = [];
  let ai: ReturnType<typeof seen<AiAttemptMessage>>;
  let http: ReturnType<typeof seen<HttpAttemptMessage>>;
  let intake: ReturnType<typeof seen<WebhookIntakeMessage>>;

  beforeAll(async () => {
    // The host has no MonitoringModule here: it turns correlation on itself, as the README says.
    enableCorrelation();
    ai = seen<AiAttemptMessage>('aiwire:ai:attempt');
    http = seen<HttpAttemptMessage>('aiwire:http:attempt');
    intake = seen<WebhookIntakeMessage>('aiwire:webhook:intake');
    prefix = uniquePrefix(`correlation-${platform}`);
    sandbox = await startSandbox();
    running = await startApp(platform, tracingHost({ prefix, sandbox, runs, submitJob: true }));
  });
  afterAll(async () => {
    for (const listener of [ai, http, intake]) listener.stop();
    await running.close();
    await sandbox.close();
    await deleteKeys(prefix);
  });

  const post = (body: Record<string, unknown>, secret = HELPDESK_SECRET) =>
    request(running.url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', secret, body)).send(JSON.stringify(body));

  it('the handler, its AI call, its Slack call and the AI job it queues all see the event id', async () => {
    const id = `evt_corr_${platform}`;
    expect((await post(ticket(id))).status).toBe(202);
    await waitFor(() => runs.some((r) => r.eventId === id), 15_000, 'the handler ran');
    const run = runs.find((r) => r.eventId === id)!;
    expect(run.correlationId).toBe(id);
    // The job's call runs later, in the AI worker, from the correlation id the job carries.
    await waitFor(() => ai.messages.some((m) => m.message.attributes['gen_ai.request.model'] === JOB_MODEL), 15_000, 'the AI job ran');
    expect(ai.messages.map((m) => [m.message.attributes['gen_ai.request.model'], m.correlationId])).toEqual([[HANDLER_MODEL, id], [JOB_MODEL, id]]);
    expect(http.messages.map((m) => [m.message.attributes['url.template'], m.correlationId])).toEqual([['/api/chat.postMessage', id]]);
    expect(sandbox.state.slack.messagesIn('#support').map((m) => m.text)).toContain(`ticket ${id}`);
  });

  it('the intake message names the event id and type once verified, neither when refused', async () => {
    const id = `evt_intake_${platform}`;
    intake.messages.length = 0;
    expect((await post(ticket(id))).status).toBe(202);
    expect((await post(ticket(`${id}_forged`), 'wrong-secret')).status).toBe(401);
    expect(intake.messages.map((m) => m.message)).toMatchObject([
      { source: 'helpdesk', status: 202, outcome: 'accepted', eventId: id, type: 'ticket.created' },
      { source: 'helpdesk', status: 401, outcome: 'invalid_signature', eventId: undefined, type: undefined },
    ]);
    expect((await post(ticket(id))).body).toEqual({ status: 'duplicate', id });
    expect(intake.messages.at(-1)?.message).toMatchObject({ outcome: 'duplicate', eventId: id, type: 'ticket.created' });
  });
});

describe('an AI job carries the correlation id it was queued under (in its Bull job data)', () => {
  it('the current one, else its own job id; and a worker runs it under that id', async () => {
    const sandbox = await startSandbox({ seed: false });
    const openai = { kind: 'openai' as const, apiKey: sandbox.credentials.openaiApiKey, baseURL: `${sandbox.urls.openai}/v1` };
    const api = await startAi({ providers: { openai }, jobs: { workers: false } });
    const redis = new Redis(REDIS_URL);
    const ai = seen<AiAttemptMessage>('aiwire:ai:attempt');
    try {
      const inside = await runWithCorrelation({ correlationId: 'evt_outer' }, () => api.jobs.submit({ messages: [{ role: 'user', content: 'inside' }] }));
      const outside = await api.jobs.submit({ messages: [{ role: 'user', content: 'outside' }] });
      const data = async (jobId: string) => JSON.parse((await redis.hget(`${api.prefix}:ai:${jobId}`, 'data'))!) as Record<string, unknown>;
      expect(await data(inside.jobId)).toMatchObject({ jobId: inside.jobId, correlationId: 'evt_outer' });
      expect(await data(outside.jobId)).toMatchObject({ jobId: outside.jobId, correlationId: outside.jobId });
      expect(await data(outside.jobId)).not.toHaveProperty('trace');

      // A worker process of the same queue picks them up.
      const worker = await startAi({ providers: { openai }, keyPrefix: api.prefix, jobs: { queuePrefix: api.prefix } });
      try {
        await waitFor(() => ai.messages.length === 2, 15_000, 'both jobs ran');
        expect(ai.messages.map((m) => m.correlationId).sort()).toEqual(['evt_outer', outside.jobId].sort());
      } finally {
        await worker.close();
      }
    } finally {
      ai.stop();
      redis.disconnect();
      await api.close();
      await sandbox.close();
    }
  });
});
