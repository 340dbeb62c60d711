import request from 'supertest';
import { Injectable, Module } from '@nestjs/common';
import { IsInt, IsPositive, IsString } from 'class-validator';
import type { Queue } from 'bull';
import { OnWebhook, WEBHOOK_QUEUE, WebhookAdminService, WebhookModule, type WebhookEvent, type WebhookModuleOptions } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { SECRETS, sources } from './webhook-fixtures.js';

class PaymentDto {
  @IsString() id!: string;
  @IsInt() @IsPositive() amount!: number;
}

type Run = { handler: string; event: WebhookEvent; at: number };

/** Handlers whose behaviour the tests steer; they record every execution they see. */
function flakyModule(calls: Run[], control: { failures: Record<string, number> }, options: Partial<WebhookModuleOptions>) {
  const run = (handler: string, event: WebhookEvent) => {
    calls.push({ handler, event, at: Date.now() });
    if ((control.failures[handler] ?? 0) > 0) {
      control.failures[handler]! -= 1;
      throw new Error(`${handler} failed on purpose`);
    }
  };

  @Injectable()
  class Handlers {
    @OnWebhook('ticket.created')
    async steady(event: WebhookEvent) { run('steady', event); }

    @OnWebhook('ticket.created')
    async flaky(event: WebhookEvent) { run('flaky', event); }

    @OnWebhook('ticket.escalated', { attempts: 2, backoff: { delayMs: 5 } })
    async fragile(event: WebhookEvent) { run('fragile', event); }

    @OnWebhook('ticket.escalated')
    async watcher(event: WebhookEvent) { run('watcher', event); }

    @OnWebhook('ticket.reopened', { backoff: { delayMs: 60_000, maxDelayMs: 60_000 } })
    async patient(event: WebhookEvent) { run('patient', event); }

    @OnWebhook('ticket.doomed')
    async doomed(event: WebhookEvent) { run('doomed', event); }

    @OnWebhook('payment.completed', { dto: PaymentDto })
    async paid(event: WebhookEvent<PaymentDto>) { run('paid', event); }
  }

  @Module({
    imports: [WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: sources(), backoff: { delayMs: 5, maxDelayMs: 20 }, ...options })],
    providers: [Handlers],
  })
  class AppModule {}
  return AppModule;
}

describe.each(PLATFORMS)('webhook processing on %s', (platform) => {
  const prefix = uniquePrefix(`processing-${platform}`);
  const calls: Run[] = [];
  const control = { failures: {} as Record<string, number> };
  let running: RunningApp;
  let admin: WebhookAdminService;
  let n = 0;

  beforeAll(async () => {
    running = await startApp(platform, flakyModule(calls, control, { keyPrefix: prefix, queue: { prefix } }));
    admin = running.app.get(WebhookAdminService);
  });
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
  });

  const send = async (type: string, extra: Record<string, unknown> = {}) => {
    const body = { id: `t_${platform}_${++n}_${Date.now()}`, event_type: type, ...extra };
    const res = await request(running.url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', SECRETS.helpdesk, body)).send(JSON.stringify(body));
    expect(res.status).toBe(202);
    return body.id;
  };
  const runsOf = (handler: string, id: string) => calls.filter((c) => c.handler === handler && c.event.id === id);

  it('retries a failing handler on its own; the other handler of the event runs once', async () => {
    control.failures.flaky = 2;
    const id = await send('ticket.created');
    await waitFor(() => runsOf('flaky', id).length === 3, 10_000, 'three attempts of flaky');
    expect(runsOf('flaky', id).map((c) => c.event.attempt)).toEqual([1, 2, 3]);
    await new Promise((r) => setTimeout(r, 100));
    expect(runsOf('steady', id)).toHaveLength(1);
    expect(runsOf('steady', id)[0]!.event.attempt).toBe(1);
  });

  it('hands the handler the whole event, without signature headers', async () => {
    const id = await send('ticket.created', { data: { subject: 'Broken zip' } });
    await waitFor(() => runsOf('steady', id).length === 1);
    const { event } = runsOf('steady', id)[0]!;
    expect(event).toMatchObject({ id, source: 'helpdesk', type: 'ticket.created', payload: { id, data: { subject: 'Broken zip' } }, attempt: 1 });
    expect(Date.parse(event.receivedAt)).toBeGreaterThan(Date.now() - 10_000);
    expect(event.headers['content-type']).toContain('application/json');
    expect(event.headers).not.toHaveProperty('x-signature');
  });

  it('keeps an execution that failed every attempt as a dead letter, and replays only that handler', async () => {
    control.failures.fragile = 2;
    const id = await send('ticket.escalated');
    const dead = await waitFor(async () => (await admin.deadLetters()).find((d) => d.event.id === id), 10_000, 'dead letter');
    expect(dead).toMatchObject({ handler: 'Handlers.fragile', error: 'fragile failed on purpose', attemptsMade: 2 });
    expect(runsOf('fragile', id)).toHaveLength(2);

    expect(runsOf('watcher', id)).toHaveLength(1);

    expect(await admin.replay(dead.id)).toBe(true);
    await waitFor(() => runsOf('fragile', id).length === 3, 10_000, 'replayed run');
    expect(runsOf('fragile', id)[2]!.event.attempt).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(runsOf('watcher', id)).toHaveLength(1);
    await waitFor(async () => !(await admin.deadLetters()).some((d) => d.event.id === id), 5_000, 'dead letter gone');
    expect(await admin.replay(dead.id)).toBe(false);
  });

  it('gives a replayed execution its full attempts again', async () => {
    control.failures.fragile = 3;
    const id = await send('ticket.escalated');
    const dead = await waitFor(async () => (await admin.deadLetters()).find((d) => d.event.id === id), 10_000, 'dead letter');
    await admin.replay(dead.id);
    // one failure left: the replay's first attempt fails, its second succeeds
    await waitFor(() => runsOf('fragile', id).length === 4, 10_000, 'replay with a retry');
    expect(runsOf('fragile', id).map((c) => c.event.attempt)).toEqual([1, 2, 1, 2]);
  });

  it('replayAll runs every dead letter once', async () => {
    control.failures.fragile = 4;
    const ids = [await send('ticket.escalated'), await send('ticket.escalated')];
    await waitFor(async () => (await admin.deadLetters()).filter((d) => ids.includes(d.event.id)).length === 2, 10_000, 'two dead letters');
    expect(await admin.replayAll()).toBe(2);
    await waitFor(() => ids.every((id) => runsOf('fragile', id).length === 3), 10_000, 'replays');
    expect(await admin.deadLetterCount()).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(ids.map((id) => runsOf('fragile', id).length)).toEqual([3, 3]);
  });

  it('validates the payload with the dto in the worker: valid gets an instance, invalid fails at once', async () => {
    const good = await send('payment.completed', { amount: 4200 });
    await waitFor(() => runsOf('paid', good).length === 1);
    expect(runsOf('paid', good)[0]!.event.payload).toBeInstanceOf(PaymentDto);

    const bad = await send('payment.completed', { amount: -3 });
    const dead = await waitFor(async () => (await admin.deadLetters()).find((d) => d.event.id === bad), 10_000, 'invalid payload dead letter');
    expect(dead.attemptsMade).toBe(1);
    expect(dead.error).toContain('amount must be a positive number');
    expect(runsOf('paid', bad)).toHaveLength(0);
    expect(await admin.discard(dead.id)).toBe(true);
  });

  it('gives a handler without attempts the default of 5, then dead-letters it', async () => {
    control.failures.doomed = 99;
    const id = await send('ticket.doomed');
    const dead = await waitFor(async () => (await admin.deadLetters()).find((d) => d.event.id === id), 10_000, 'dead letter');
    expect(dead.attemptsMade).toBe(5);
    expect(runsOf('doomed', id).map((c) => c.event.attempt)).toEqual([1, 2, 3, 4, 5]);
    control.failures.doomed = 0;
    await admin.discard(dead.id);
  });

  it("plans a retry with the handler's own backoff, jittered over [0, delayMs]", async () => {
    const queue = running.app.get<Queue>(WEBHOOK_QUEUE);
    control.failures.patient = 6;
    const ids = await Promise.all(Array.from({ length: 6 }, () => send('ticket.reopened')));
    const planned = await waitFor(async () => {
      const delays: number[] = [];
      for (const id of ids) {
        const failedAt = runsOf('patient', id)[0]?.at;
        const score = await queue.client.zscore(queue.toKey('delayed'), `helpdesk:${id}:Handlers.patient`);
        if (failedAt === undefined || score === null) return undefined;
        delays.push(Math.floor(Number(score) / 0x1000) - failedAt);
      }
      return delays;
    }, 10_000, 'six planned retries');
    // the module default is 5 ms; the handler asked for 60 s
    for (const delay of planned) expect(delay).toBeLessThanOrEqual(60_000 + 50);
    expect(Math.max(...planned)).toBeGreaterThan(1_000);
    expect(new Set(planned.map((d) => Math.round(d / 100))).size).toBeGreaterThan(1);
    for (const id of ids) await (await queue.getJob(`helpdesk:${id}:Handlers.patient`))?.remove();
  });
});
