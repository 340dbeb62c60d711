import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { Redis } from 'ioredis';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS } from '../../../test/support/http-app.js';
import { compileFixture, startChild, type ChildApp } from '../../../test/support/processes.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import type { SpanRecord } from './fixtures/tracing-sdk.js';

const SECRET = 'helpdesk-tracing-processes-secret';
const HANDLER = 'TicketHandlers.onTicket';
const script = compileFixture(fileURLToPath(new URL('./fixtures/tracing-app.ts', import.meta.url)), ['core', 'webhooks', 'ai', 'connectors', 'monitoring']);

/** Stops a child with SIGTERM and reads the spans it wrote on its way out. */
async function spansOf(child: ChildApp, file: string): Promise<SpanRecord[]> {
  child.process.kill('SIGTERM');
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`child exited ${code}:\n${child.output()}`);
  return JSON.parse(readFileSync(file, 'utf8')) as SpanRecord[];
}

describe.each(PLATFORMS)('one webhook, one trace across an API-only and a worker-only process (built packages, plain node), on %s', (platform) => {
  let sandbox: Sandbox;
  let redis: Redis;
  const prefix = uniquePrefix(`tracing-proc-${platform}`);
  const files = { api: join(tmpdir(), `${prefix}-api.json`), worker: join(tmpdir(), `${prefix}-worker.json`) };
  const children: ChildApp[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    redis.disconnect();
    await sandbox.close();
    await deleteKeys(prefix);
    for (const file of Object.values(files)) rmSync(file, { force: true });
  });

  it('intake SERVER → PRODUCER in the API process; CONSUMER (linked) → OpenAI and Slack CLIENT spans in the worker', async () => {
    const base = {
      REDIS_URL, PREFIX: prefix, PLATFORM: platform, SECRET,
      OPENAI_KEY: sandbox.credentials.openaiApiKey, OPENAI_BASE_URL: `${sandbox.urls.openai}/v1`,
      SLACK_TOKEN: sandbox.credentials.slackBotToken, SLACK_URL: sandbox.urls.slack,
    };
    const api = startChild(script, { ...base, ROLE: 'api', SPANS_FILE: files.api });
    const worker = startChild(script, { ...base, ROLE: 'worker', SPANS_FILE: files.worker });
    children.push(api, worker);
    const started = await waitFor(async () => {
      const up = await redis.lrange(`${prefix}:processes`, 0, -1);
      return up.length === 2 && up;
    }, 60_000, `both processes to start:\n${api.output()}\n${worker.output()}`);
    const url = started.find((line) => line.startsWith('api '))!.slice(4);

    const id = `evt_traced_${platform}`;
    const body = { id, event_type: 'ticket.created', ticket: { id: 't_1' } };
    const res = await request(url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', SECRET, body)).send(JSON.stringify(body));
    expect(res.status).toBe(202);
    await waitFor(async () => (await redis.lrange(`${prefix}:done`, 0, -1)).includes(`${id} worker`), 20_000, `the worker ran the handler:\n${worker.output()}`);

    const apiSpans = await spansOf(api, files.api);
    const workerSpans = await spansOf(worker, files.worker);
    const one = (spans: SpanRecord[], name: string) => {
      const found = spans.filter((s) => s.name === name);
      expect(found, `${name} in ${JSON.stringify(spans.map((s) => s.name))}`).toHaveLength(1);
      return found[0]!;
    };

    // API process: the intake and the execution it queued, nothing else.
    const server = one(apiSpans, 'POST /webhooks/:source');
    const producer = one(apiSpans, 'send webhooks');
    expect(apiSpans).toHaveLength(2);
    expect(server.parentSpanId).toBeUndefined(); // a new trace: the sender propagated none
    expect(server).toMatchObject({ kind: SpanKind.SERVER, scope: '@aiwire/monitoring', attributes: { 'http.response.status_code': 202, 'aiwire.webhook.event_id': id } });
    expect(producer).toMatchObject({ kind: SpanKind.PRODUCER, traceId: server.traceId, parentSpanId: server.spanId, attributes: { 'messaging.system': 'bull', 'messaging.destination.name': 'webhooks', 'messaging.message.id': `helpdesk:${id}:${HANDLER}` } });

    // Worker process: the handler's CONSUMER span continues the trace and links the producer.
    const consumer = one(workerSpans, 'process webhooks');
    expect(consumer).toMatchObject({
      kind: SpanKind.CONSUMER, traceId: server.traceId, parentSpanId: producer.spanId, links: [{ traceId: producer.traceId, spanId: producer.spanId }],
      status: { code: SpanStatusCode.UNSET },
      attributes: { 'messaging.operation.type': 'process', 'messaging.message.id': `helpdesk:${id}:${HANDLER}`, 'aiwire.webhook.handler': HANDLER },
    });
    const openai = one(workerSpans, 'chat gpt-4o-mini');
    const slack = one(workerSpans, 'POST /api/chat.postMessage');
    for (const client of [openai, slack]) {
      expect(client).toMatchObject({ kind: SpanKind.CLIENT, traceId: server.traceId, parentSpanId: consumer.spanId, status: { code: SpanStatusCode.UNSET } });
      expect(client.startMs).toBeGreaterThanOrEqual(consumer.startMs);
      expect(client.endMs).toBeLessThanOrEqual(consumer.endMs);
    }
    expect(openai.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.model': expect.any(String) as string, 'gen_ai.usage.input_tokens': expect.any(Number) as number });
    expect(slack.attributes).toMatchObject({ 'http.request.method': 'POST', 'url.template': '/api/chat.postMessage', 'http.response.status_code': 200, 'aiwire.connector.name': 'slack' });
    expect(workerSpans).toHaveLength(3);
    // The one trace, by what each process recorded: intake → producer → consumer → both calls.
    expect(new Set([...apiSpans, ...workerSpans].map((s) => s.traceId))).toEqual(new Set([server.traceId]));
  }, 120_000);
});
