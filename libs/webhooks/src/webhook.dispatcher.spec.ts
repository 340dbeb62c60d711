import request from 'supertest';
import { Injectable, Module } from '@nestjs/common';
import { IsInt, IsPositive } from 'class-validator';
import type { Queue } from 'bull';
import {
  OnWebhook, WEBHOOK_QUEUE, WebhookAdminService, WebhookHandlerNotFoundError, WebhookModule, executionChannel, type WebhookEvent, type WebhookExecutionMessage,
} from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';

const SECRET = 'dispatcher-spec-secret-31c9';

class AmountDto {
  @IsInt() @IsPositive() amount!: number;
}

type Run = { handler: string; event: WebhookEvent };

function dispatchModule(runs: Run[], prefix: string) {
  @Injectable()
  class Handlers {
    @OnWebhook('invoice.paid')
    async plain(event: WebhookEvent) {
      runs.push({ handler: 'plain', event });
    }

    // Not async: it throws before returning a promise.
    @OnWebhook('invoice.voided', { attempts: 2 })
    throwsAtOnce(event: WebhookEvent): Promise<void> {
      runs.push({ handler: 'throwsAtOnce', event });
      throw new Error('voided invoices are not handled');
    }

    // A dto on one subscription only: events of the other arrive unvalidated.
    @OnWebhook('refund.created', { dto: AmountDto })
    @OnWebhook('refund.noted')
    async refunds(event: WebhookEvent) {
      runs.push({ handler: 'refunds', event });
    }
  }

  @Module({
    imports: [WebhookModule.forRoot({
      redis: { url: REDIS_URL }, keyPrefix: prefix, queue: { prefix }, backoff: { delayMs: 5, maxDelayMs: 20 },
      sources: { billing: { scheme: 'hmac-sha256', secrets: [SECRET], header: 'x-signature' } },
    })],
    providers: [Handlers],
  })
  class AppModule {}
  return AppModule;
}

describe('WebhookDispatcher (real Redis, real Bull worker)', () => {
  const prefix = uniquePrefix('dispatcher');
  const runs: Run[] = [];
  const published: WebhookExecutionMessage[] = [];
  const listen = (message: WebhookExecutionMessage) => published.push(message);
  let running: RunningApp;
  let n = 0;

  beforeAll(async () => {
    running = await startApp('fastify', dispatchModule(runs, prefix));
    executionChannel.subscribe(listen);
  });
  afterAll(async () => {
    executionChannel.unsubscribe(listen);
    await running?.close();
    await deleteKeys(prefix);
  });

  const send = async (type: string, extra: Record<string, unknown> = {}) => {
    const body = { id: `inv_${++n}_${Date.now()}`, event_type: type, ...extra };
    const res = await request(running.url).post('/webhooks/billing').set(signWebhook('hmac-sha256', SECRET, body)).send(JSON.stringify(body));
    expect(res.status).toBe(202);
    return body.id;
  };
  const runsOf = (handler: string, id: string) => runs.filter((r) => r.handler === handler && r.event.id === id);
  const outcomesOf = (id: string) => published.filter((m) => m.eventId === id).map(({ handler, attempt, outcome, error }) => ({ handler, attempt, outcome, error }));

  it('hands the handler the event fields and nothing else, with its attempt, and publishes the completion', async () => {
    const id = await send('invoice.paid', { total: 42 });
    await waitFor(() => outcomesOf(id).length === 1, 10_000, 'completion');
    const [{ event }] = runsOf('plain', id) as [Run];
    expect(Object.keys(event)).toEqual(['id', 'source', 'type', 'payload', 'headers', 'receivedAt', 'attempt']);
    expect(event).toMatchObject({ id, source: 'billing', type: 'invoice.paid', payload: { id, event_type: 'invoice.paid', total: 42 }, attempt: 1 });
    expect(event.headers['content-type']).toContain('application/json');
    expect(outcomesOf(id)).toEqual([{ handler: 'Handlers.plain', attempt: 1, outcome: 'completed', error: undefined }]);
    const [message] = published.filter((m) => m.eventId === id) as [WebhookExecutionMessage];
    expect(message).not.toHaveProperty('error');
    expect(message).toMatchObject({ source: 'billing', type: 'invoice.paid' });
    expect(message.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('retries a handler that throws synchronously like one that rejects, then dead-letters it', async () => {
    const id = await send('invoice.voided');
    const admin = running.app.get(WebhookAdminService);
    const dead = await waitFor(async () => (await admin.deadLetters()).find((d) => d.event.id === id), 10_000, 'dead letter');
    expect(dead).toMatchObject({ handler: 'Handlers.throwsAtOnce', error: 'voided invoices are not handled', attemptsMade: 2 });
    expect(runsOf('throwsAtOnce', id).map((r) => r.event.attempt)).toEqual([1, 2]);
    await waitFor(() => outcomesOf(id).length === 2, 5_000, 'two outcomes');
    expect(outcomesOf(id)).toEqual([
      { handler: 'Handlers.throwsAtOnce', attempt: 1, outcome: 'retrying', error: 'voided invoices are not handled' },
      { handler: 'Handlers.throwsAtOnce', attempt: 2, outcome: 'dead', error: 'voided invoices are not handled' },
    ]);
    await admin.discard(dead.id);
  });

  it("validates only the events of the subscription that declares the dto", async () => {
    const valid = await send('refund.created', { amount: 7 });
    const noted = await send('refund.noted', { amount: -1 });
    const invalid = await send('refund.created', { amount: -1 });
    await waitFor(() => [valid, noted, invalid].every((id) => outcomesOf(id).length === 1), 10_000, 'three outcomes');
    expect(runsOf('refunds', valid)[0]!.event.payload).toBeInstanceOf(AmountDto);
    expect(runsOf('refunds', noted)[0]!.event.payload).not.toBeInstanceOf(AmountDto);
    expect(runsOf('refunds', noted)[0]!.event.payload).toMatchObject({ amount: -1 });
    expect(runsOf('refunds', invalid)).toHaveLength(0);
    expect(outcomesOf(invalid)).toEqual([{ handler: 'Handlers.refunds', attempt: 1, outcome: 'dead', error: expect.stringContaining('amount must be a positive number') }]);
  });

  it('fails a job whose handler this worker does not have, saying what to do, and keeps it as a dead letter', async () => {
    const queue = running.app.get<Queue>(WEBHOOK_QUEUE);
    const id = `inv_gone_${Date.now()}`;
    const failures: unknown[] = [];
    const onFailed = (job: { data: { event: { id: string } } }, error: unknown) => {
      if (job.data.event.id === id) failures.push(error);
    };
    queue.on('failed', onFailed);
    const event = { id, source: 'billing', type: 'invoice.paid', payload: { id }, headers: {}, receivedAt: new Date().toISOString() };
    await queue.add({ event, handler: 'Renamed.handler' }, { jobId: `billing:${id}:Renamed.handler`, attempts: 1 });
    const admin = running.app.get(WebhookAdminService);
    const dead = await waitFor(async () => (await admin.deadLetters()).find((d) => d.event.id === id), 10_000, 'dead letter');
    expect(dead.error).toContain('Handler Renamed.handler is not registered in this worker');
    expect(dead.error).toContain('replay the dead letter');
    queue.removeListener('failed', onFailed);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(WebhookHandlerNotFoundError);
    expect(outcomesOf(id)).toEqual([{ handler: 'Renamed.handler', attempt: 1, outcome: 'dead', error: dead.error }]);
    await admin.discard(dead.id);
  });
});
