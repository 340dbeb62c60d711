import request from 'supertest';
import { Redis } from 'ioredis';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { currentInstrumentation } from '@aiwire/core';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS, startApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, startPrivateRedis, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { registerInMemorySdk, type InMemorySdk, type SpanRecord } from './fixtures/tracing-sdk.js';
import { HANDLER_MODEL, HELPDESK_SECRET, JOB_MODEL, ticket, tracingHost, type HandlerRun } from './fixtures/tracing-host.js';

const HANDLER = 'TicketHandlers.onTicket';

describe.each(PLATFORMS)('tracing in one process (in-memory SDK), on %s', (platform) => {
  let sdk: InMemorySdk;
  let sandbox: Sandbox;
  let redis: Redis;
  const prefixes: string[] = [];
  const fresh = (name: string) => {
    const prefix = uniquePrefix(`tracing-${name}-${platform}`);
    prefixes.push(prefix);
    return prefix;
  };

  beforeAll(async () => {
    sdk = registerInMemorySdk();
    sandbox = await startSandbox();
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await sandbox.close();
    await sdk.close();
    for (const prefix of prefixes) await deleteKeys(prefix);
  });
  beforeEach(() => sdk.exporter.reset());

  const post = (url: string, body: Record<string, unknown>, secret = HELPDESK_SECRET) =>
    request(url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', secret, body)).send(JSON.stringify(body));
  const jobData = (prefix: string, id: string) => redis.hget(`${prefix}:webhooks:helpdesk:${id}:${HANDLER}`, 'data');
  const one = (spans: SpanRecord[], name: string) => {
    const found = spans.filter((s) => s.name === name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };

  it.each([['absent', undefined], ['false', false]] as const)('with tracing %s: no span at all, and job data byte for byte { event, handler }', async (_case, tracing) => {
    const prefix = fresh(`off-${String(tracing)}`);
    const runs: HandlerRun[] = [];
    const api = await startApp(platform, tracingHost({ prefix, sandbox, runs, workers: false, tracing }));
    const id = `evt_off_${platform}_${String(tracing)}`;
    try {
      expect(currentInstrumentation()).toBeUndefined();
      expect((await post(api.url, ticket(id))).status).toBe(202);
      const raw = (await jobData(prefix, id))!;
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(['event', 'handler']);
      expect(raw).toBe(JSON.stringify({ event: parsed.event, handler: HANDLER }));
    } finally {
      await api.close();
    }
    const worker = await startApp(platform, tracingHost({ prefix, sandbox, runs, tracing }));
    try {
      await waitFor(() => runs.length === 1, 15_000, 'the handler ran');
      // No span is active (the correlation id depends on whether anything in this process enabled it: see correlation.spec.ts).
      expect(runs[0]).toMatchObject({ eventId: id, traceIds: undefined });
    } finally {
      await worker.close();
    }
    expect(sdk.spans()).toEqual([]);
  });

  it('with tracing on: SERVER → PRODUCER (carried in the job) → CONSUMER → AI and Slack CLIENT spans, and the AI job queued from the handler', async () => {
    const prefix = fresh('on');
    const runs: HandlerRun[] = [];
    const id = `evt_on_${platform}`;
    const api = await startApp(platform, tracingHost({ prefix, sandbox, runs, workers: false, tracing: true }));
    try {
      expect((await post(api.url, ticket(id))).status).toBe(202);
      const spans = sdk.spans();
      const server = one(spans, 'POST /webhooks/:source');
      const producer = one(spans, 'send webhooks');
      expect(server).toMatchObject({ kind: SpanKind.SERVER, parentSpanId: undefined, status: { code: SpanStatusCode.UNSET }, scope: '@aiwire/monitoring' });
      expect(server.attributes).toEqual({
        'http.request.method': 'POST', 'http.route': '/webhooks/:source', 'client.address': '127.0.0.1', 'http.response.status_code': 202,
        'aiwire.webhook.source': 'helpdesk', 'aiwire.webhook.outcome': 'accepted', 'aiwire.webhook.event_id': id, 'aiwire.webhook.type': 'ticket.created',
      });
      expect(producer).toMatchObject({ kind: SpanKind.PRODUCER, traceId: server.traceId, parentSpanId: server.spanId });
      expect(producer.attributes).toEqual({
        'messaging.system': 'bull', 'messaging.destination.name': 'webhooks', 'messaging.operation.type': 'send', 'messaging.operation.name': 'send',
        'messaging.message.id': `helpdesk:${id}:${HANDLER}`, 'aiwire.webhook.source': 'helpdesk', 'aiwire.webhook.type': 'ticket.created', 'aiwire.webhook.event_id': id, 'aiwire.webhook.handler': HANDLER,
      });
      const raw = (await jobData(prefix, id))!;
      expect(JSON.parse(raw)).toMatchObject({ handler: HANDLER, event: { id }, trace: { traceparent: `00-${producer.traceId}-${producer.spanId}-01` } });
      expect(Object.keys(JSON.parse(raw) as object)).toEqual(['event', 'handler', 'trace']);
    } finally {
      await api.close();
    }

    sdk.exporter.reset();
    const worker = await startApp(platform, tracingHost({ prefix, sandbox, runs, submitJob: true, tracing: true }));
    try {
      await waitFor(() => sdk.spans().some((s) => s.name === 'process ai'), 15_000, 'the handler and its AI job ran');
      const spans = sdk.spans();
      const consumer = one(spans, 'process webhooks');
      const producerSpanId = consumer.parentSpanId;
      expect(consumer).toMatchObject({ kind: SpanKind.CONSUMER, status: { code: SpanStatusCode.UNSET }, links: [{ traceId: consumer.traceId, spanId: producerSpanId }] });
      expect(consumer.attributes).toMatchObject({ 'messaging.system': 'bull', 'messaging.destination.name': 'webhooks', 'messaging.operation.type': 'process', 'messaging.message.id': `helpdesk:${id}:${HANDLER}`, 'aiwire.webhook.attempt': 1 });
      // The handler's log lines carry the consumer span's ids.
      expect(runs[0]).toMatchObject({ eventId: id, correlationId: id, traceIds: { trace_id: consumer.traceId, span_id: consumer.spanId } });
      const aiCall = one(spans, `chat ${HANDLER_MODEL}`);
      const slackCall = one(spans, 'POST /api/chat.postMessage');
      for (const client of [aiCall, slackCall]) expect(client).toMatchObject({ kind: SpanKind.CLIENT, traceId: consumer.traceId, parentSpanId: consumer.spanId, status: { code: SpanStatusCode.UNSET } });
      expect(aiCall.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': HANDLER_MODEL, 'server.address': '127.0.0.1' });
      expect(slackCall.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200, 'aiwire.connector.name': 'slack' });
      // The AI job, queued from the handler and run by the AI worker, stays in the trace.
      const aiProducer = one(spans, 'send ai');
      const aiConsumer = one(spans, 'process ai');
      const jobCall = one(spans, `chat ${JOB_MODEL}`);
      expect(aiProducer).toMatchObject({ kind: SpanKind.PRODUCER, traceId: consumer.traceId, parentSpanId: consumer.spanId, attributes: { 'messaging.message.id': runs[0]!.jobId } });
      expect(aiConsumer).toMatchObject({ kind: SpanKind.CONSUMER, traceId: consumer.traceId, parentSpanId: aiProducer.spanId, links: [{ spanId: aiProducer.spanId }] });
      expect(jobCall).toMatchObject({ kind: SpanKind.CLIENT, parentSpanId: aiConsumer.spanId });
    } finally {
      await worker.close();
    }
    expect(currentInstrumentation()).toBeUndefined();
  });

  it('with tracing on: a refusal is a SERVER span without error, a duplicate ends its PRODUCER span unsent, a failing handler fails its CONSUMER span', async () => {
    const prefix = fresh('outcomes');
    const runs: HandlerRun[] = [];
    const app = await startApp(platform, tracingHost({ prefix, sandbox, runs, tracing: true, fail: true }));
    const id = `evt_outcomes_${platform}`;
    try {
      expect((await post(app.url, ticket(id), 'not-the-secret')).status).toBe(401);
      const refused = one(sdk.spans(), 'POST /webhooks/:source');
      expect(refused).toMatchObject({ status: { code: SpanStatusCode.UNSET }, attributes: { 'http.response.status_code': 401, 'aiwire.webhook.outcome': 'invalid_signature' } });
      expect(refused.attributes).not.toHaveProperty('aiwire.webhook.event_id');
      expect(sdk.spans().filter((s) => s.kind === SpanKind.PRODUCER)).toEqual([]);

      expect((await post(app.url, ticket(id))).status).toBe(202);
      await waitFor(() => sdk.spans().some((s) => s.name === 'process webhooks'), 15_000, 'the handler ran');
      const consumer = one(sdk.spans(), 'process webhooks');
      expect(consumer).toMatchObject({ status: { code: SpanStatusCode.ERROR, message: `handler refused ${id}` }, attributes: { 'error.type': 'Error' } });

      sdk.exporter.reset();
      expect((await post(app.url, ticket(id))).body).toEqual({ status: 'duplicate', id });
      const duplicate = one(sdk.spans(), 'send webhooks');
      expect(duplicate.attributes).toMatchObject({ 'aiwire.webhook.enqueued': false, 'aiwire.webhook.outcome': 'duplicate' });
      expect(one(sdk.spans(), 'POST /webhooks/:source').attributes).toMatchObject({ 'http.response.status_code': 200, 'aiwire.webhook.outcome': 'duplicate' });
    } finally {
      await app.close();
    }
  });

  it('with tracing on, on the controller mount: an early refusal is a SERVER span too, and a delivery makes its PRODUCER span', async () => {
    const prefix = fresh('controller');
    const app = await startApp(platform, tracingHost({ prefix, sandbox, runs: [], workers: false, tracing: true, mount: 'controller' }));
    const id = `evt_controller_${platform}`;
    try {
      expect((await post(app.url, ticket(id))).status).toBe(202);
      const accepted = one(sdk.spans(), 'POST /webhooks/:source');
      expect(one(sdk.spans(), 'send webhooks').parentSpanId).toBe(accepted.spanId);
      sdk.exporter.reset();
      expect((await request(app.url).post('/webhooks/nowhere').send('{}')).status).toBe(404);
      expect(one(sdk.spans(), 'POST /webhooks/:source')).toMatchObject({
        kind: SpanKind.SERVER, status: { code: SpanStatusCode.UNSET },
        attributes: { 'http.response.status_code': 404, 'aiwire.webhook.source': '(unknown)', 'aiwire.webhook.outcome': 'unknown_source' },
      });
    } finally {
      await app.close();
    }
  });

  it('with tracing on, Redis down: the 503 fails the SERVER span, and each PRODUCER span with the store error', async () => {
    const prefix = fresh('down');
    const redisServer = await startPrivateRedis();
    const app = await startApp(platform, tracingHost({ prefix, sandbox, runs: [], workers: false, tracing: true, webhookRedisUrl: redisServer.url }));
    try {
      await redisServer.stop();
      expect((await post(app.url, ticket(`evt_down_${platform}`))).status).toBe(503);
      const server = one(sdk.spans(), 'POST /webhooks/:source');
      expect(server).toMatchObject({ status: { code: SpanStatusCode.ERROR, message: '503' }, attributes: { 'http.response.status_code': 503, 'error.type': '503', 'aiwire.webhook.outcome': 'unavailable' } });
      expect(one(sdk.spans(), 'send webhooks')).toMatchObject({ parentSpanId: server.spanId, status: { code: SpanStatusCode.ERROR }, attributes: { 'error.type': 'WebhookStoreUnavailableError' } });
    } finally {
      await app.close();
      await redisServer.stop();
    }
  });
});
