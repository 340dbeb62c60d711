import request from 'supertest';
import { Redis } from 'ioredis';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bull';
import { WebhookModule, executionChannel, type WebhookExecutionMessage } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { Flow, FlowsModule, FlowsService, FLOWS_QUEUE, type FlowContext } from '@aiwire/flows';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';

const SECRET = 'triggers-secret';
const prefix = uniquePrefix('flows-triggers');
const ledger = new Redis(REDIS_URL);
const note = (entry: string) => ledger.rpush(`${prefix}:ledger`, entry);
const notes = () => ledger.lrange(`${prefix}:ledger`, 0, -1);

interface Ticket { ticketId: string }

@Injectable()
class SupportFlows {
  @Flow('support-ticket', { trigger: { webhook: 'ticket.created', source: 'helpdesk' }, cancelOn: { event: 'ticket.closed', match: 'ticketId' } })
  async run(flow: FlowContext<Ticket>) {
    await flow.step('opened', () => note(`opened:${flow.runId}`));
    const reply = await flow.waitForEvent<{ text: string }>('reply', { event: 'ticket.replied', match: 'ticketId', timeout: '1h' });
    await flow.step('replied', () => note(`replied:${flow.runId}:${reply?.text}`));
    await flow.waitForEvent('never', { event: 'ticket.never', timeout: '1h' });
  }

  // Two flows match `order.created`: each run's id is `<eventId>:<flow>`.
  @Flow('order-audit', { trigger: { webhook: 'order.*' } })
  async audit(flow: FlowContext) {
    await flow.step('audit', () => note(`audit:${flow.runId}`));
  }

  @Flow('order-sync', { trigger: [{ webhook: 'order.created', source: 'helpdesk' }, { event: 'order.resync' }] })
  async sync(flow: FlowContext) {
    await flow.step('sync', () => note(`sync:${flow.runId}`));
  }

  @Flow('order-held', { trigger: { event: 'order.held' } })
  async held(flow: FlowContext<{ orderId: string }>) {
    return flow.step('hold', () => ({ held: flow.input.orderId }));
  }

  @Flow('tick', { trigger: { cron: '* * * * * *' } })
  async tick(flow: FlowContext<{ scheduledAt: string }>) {
    await flow.step('tick', () => note(`tick:${flow.input.scheduledAt}`));
  }

  @Flow('nightly', { trigger: { cron: '0 2 * * *', tz: 'Europe/Rome' } })
  async nightly() {}
}

const flowsModule = (workers = true) =>
  FlowsModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: `${prefix}:flows`, queue: { prefix: `${prefix}:q` }, workers });
const webhookModule = () =>
  WebhookModule.forRoot({
    redis: { url: REDIS_URL }, keyPrefix: `${prefix}:wh`, queue: { prefix: `${prefix}:wq` },
    // A one-second de-dup window: a redelivery after it reaches the handler, as a handler retry would.
    sources: { helpdesk: { scheme: 'hmac-sha256', secrets: [SECRET], dedupTtlSeconds: 1 } },
  });

@Module({ imports: [flowsModule(), webhookModule()], providers: [SupportFlows] })
class AppModule {}

describe('flow triggers (one app, real Redis and HTTP)', () => {
  let app: RunningApp;
  let flows: FlowsService;

  beforeAll(async () => {
    app = await startApp('express', AppModule);
    flows = app.app.get(FlowsService);
  });

  afterAll(async () => {
    await app?.close();
    await deleteKeys(prefix);
    ledger.disconnect();
  });

  const deliver = async (body: Record<string, unknown>, status = 202) => {
    const res = await request(app.url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', SECRET, body)).send(JSON.stringify(body));
    expect(res.status).toBe(status);
  };
  const statusOf = async (runId: string) => (await flows.get(runId))?.status;

  it('a signed delivery starts a run whose id is the event id; a duplicate or a redelivery starts no second run', async () => {
    const body = { id: 'evt-1', event_type: 'ticket.created', ticketId: 't1' };
    await deliver(body);
    await waitFor(async () => (await statusOf('evt-1')) === 'waiting', 10_000, 'the run to wait for the reply');
    const run = (await flows.get('evt-1'))!;
    expect(run).toMatchObject({ flow: 'support-ticket', input: body, trigger: { kind: 'webhook', eventId: 'evt-1', source: 'helpdesk', type: 'ticket.created' } });
    await deliver(body, 200); // within the de-dup window: the intake's duplicate
    await new Promise((r) => setTimeout(r, 1_100));
    const executions: WebhookExecutionMessage[] = [];
    const listener = (m: WebhookExecutionMessage) => executions.push(m);
    executionChannel.subscribe(listener);
    try {
      await deliver(body); // after it: the handler runs again (as a retry would), and starts nothing
      await waitFor(() => executions.some((m) => m.eventId === 'evt-1' && m.handler === 'flows:helpdesk' && m.outcome === 'completed'), 10_000, 'the redelivery to run');
    } finally {
      executionChannel.unsubscribe(listener);
    }
    expect((await flows.list({ flow: 'support-ticket' })).total).toBe(1);
    expect((await notes()).filter((n) => n.startsWith('opened:'))).toEqual(['opened:evt-1']);
  });

  it('webhooks of the source resume waitForEvent (match ticketId) and cancel through cancelOn', async () => {
    await deliver({ id: 'evt-2', event_type: 'ticket.replied', ticketId: 'other', text: 'not yours' });
    await deliver({ id: 'evt-3', event_type: 'ticket.replied', ticketId: 't1', text: 'thanks' });
    await waitFor(async () => (await flows.get('evt-1'))?.waitingFor?.step === 'never', 10_000, 'the run to pass the reply');
    expect(await notes()).toContain('replied:evt-1:thanks');
    expect(await notes()).not.toContain('replied:evt-1:not yours');
    await deliver({ id: 'evt-4', event_type: 'ticket.closed', ticketId: 't1' });
    await waitFor(async () => (await statusOf('evt-1')) === 'cancelled', 10_000, 'the run to be cancelled');
  });

  it('several flows matching one webhook each start a run `<eventId>:<flow>`; a source-less trigger sees every source', async () => {
    await deliver({ id: 'evt-5', event_type: 'order.created' });
    await waitFor(async () => (await statusOf('evt-5:order-audit')) === 'completed' && (await statusOf('evt-5:order-sync')) === 'completed', 10_000, 'both runs');
    await deliver({ id: 'evt-6', event_type: 'order.paid' });
    await waitFor(async () => (await statusOf('evt-6')) === 'completed', 10_000, 'the one matching run, with the event id');
    expect((await flows.get('evt-6'))!.flow).toBe('order-audit');
    expect(await statusOf('evt-5')).toBeUndefined();
  });

  it('an emitted event starts an event-triggered flow', async () => {
    const result = await flows.emit('order.held', { orderId: 'o-7' }, { id: 'emit-7' });
    expect(result.started).toHaveLength(1);
    const runId = result.started[0]!;
    await waitFor(async () => (await statusOf(runId)) === 'completed', 10_000, 'the event-triggered run');
    expect(await flows.get(runId)).toMatchObject({ flow: 'order-held', input: { orderId: 'o-7' }, output: { held: 'o-7' }, trigger: { kind: 'event', type: 'order.held' } });
  });

  it('a six-field cron starts a run per second with its scheduled time', async () => {
    const ticks = await waitFor(async () => {
      const { runs } = await flows.list({ flow: 'tick', status: 'completed' });
      return runs.length >= 2 && runs;
    }, 10_000, 'two cron runs');
    for (const run of ticks) {
      const { scheduledAt } = run.input as { scheduledAt: string };
      expect(new Date(scheduledAt).getUTCMilliseconds()).toBe(0);
      expect(run.id).toBe(`cron:tick:${Date.parse(scheduledAt)}`);
      expect(run.trigger).toEqual({ kind: 'cron', scheduledAt });
    }
    const times = (await notes()).filter((n) => n.startsWith('tick:'));
    expect(new Set(times).size).toBe(times.length);
  });

  it('passes `tz` to Bull, and a process without a schedule removes it', async () => {
    const queue = app.app.get<Queue>(FLOWS_QUEUE);
    const schedules = () => queue.getRepeatableJobs().then((jobs) => jobs.map(({ name, id, cron, tz }) => ({ name, id, cron, tz })).sort((a, b) => a.id!.localeCompare(b.id!)));
    expect(await schedules()).toEqual([
      { name: 'cron', id: 'flow-nightly', cron: '0 2 * * *', tz: 'Europe/Rome' },
      { name: 'cron', id: 'flow-tick', cron: '* * * * * *', tz: null },
    ]);

    @Injectable()
    class Changed {
      @Flow('nightly', { trigger: { cron: '0 3 * * *', tz: 'Europe/Rome' } })
      async nightly() {}
    }
    @Module({ imports: [flowsModule(false)], providers: [Changed] })
    class NextVersion {}
    const next = await Test.createTestingModule({ imports: [NextVersion] }).compile();
    await next.init();
    expect(await schedules()).toEqual([{ name: 'cron', id: 'flow-nightly', cron: '0 3 * * *', tz: 'Europe/Rome' }]);
    await next.close();
  });
});

describe('flow triggers refused at startup', () => {
  afterAll(() => deleteKeys(`${prefix}-bad`));

  const boot = async (flows: new () => object, imports: unknown[] = []) => {
    @Module({ imports: [FlowsModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: `${prefix}-bad`, queue: { prefix: `${prefix}-bad` }, workers: false }), ...imports as []], providers: [flows] })
    class BadModule {}
    const moduleRef = await Test.createTestingModule({ imports: [BadModule] }).compile();
    const started = moduleRef.init();
    await started.then(() => moduleRef.close(), async (error: unknown) => {
      await moduleRef.close();
      throw error;
    });
  };

  it('a webhook trigger without WebhookModule says to import it', async () => {
    @Injectable()
    class Hooked {
      @Flow('hooked', { trigger: { webhook: 'ticket.created', source: 'helpdesk' } })
      async run() {}
    }
    await expect(boot(Hooked)).rejects.toThrow('Flow "hooked" has a webhook trigger, but WebhookModule is not imported: import WebhookModule.forRoot');
  });

  it('a webhook trigger naming a source WebhookModule does not have', async () => {
    @Injectable()
    class Hooked {
      @Flow('hooked', { trigger: { webhook: 'ticket.created', source: 'helpdsk' } })
      async run() {}
    }
    await expect(boot(Hooked, [webhookModule()])).rejects.toThrow('Webhook handler flows:helpdsk names source "helpdsk", which is not configured. Configured sources: helpdesk.');
  });

  it('a bad cron pattern or time zone', async () => {
    @Injectable()
    class Fields {
      @Flow('fields', { trigger: { cron: '* * *' } })
      async run() {}
    }
    await expect(boot(Fields)).rejects.toThrow(`Flow "fields": cron "* * *" must have five fields`);
    @Injectable()
    class Bad {
      @Flow('bad', { trigger: { cron: '61 * * * *' } })
      async run() {}
    }
    await expect(boot(Bad)).rejects.toThrow(`Flow "bad": cron "61 * * * *" is not a valid schedule`);
    @Injectable()
    class Zone {
      @Flow('zone', { trigger: { cron: '0 2 * * *', tz: 'Europe/Atlantis' } })
      async run() {}
    }
    await expect(boot(Zone)).rejects.toThrow(`Flow "zone": tz "Europe/Atlantis" is not an IANA time zone`);
  });
});
