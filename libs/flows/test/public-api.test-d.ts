// Compile-time tests of @aiwire/flows's public API, checked by `npm run lint` (tsc). The issue's
// snippet is here as written (its `…` filled in): it is a contract. A line marked `@ts-expect-error` must NOT compile.
import { Injectable } from '@nestjs/common';
import { AiService } from '@aiwire/ai';
import { InjectConnector, HubSpotConnector } from '@aiwire/connectors';
import { Flow, FlowsModule, FlowsService, type FlowContext } from '@aiwire/flows';

interface Ticket {
  ticketId: string;
  customerId: string;
  contactId: string;
  body: string;
}
const LABELS = ['complaint', 'question', 'praise'] as const;

FlowsModule.forRoot({ redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } });

@Injectable()
export class SupportFlow {
  constructor(private readonly ai: AiService, @InjectConnector('crm') private readonly crm: HubSpotConnector) {}

  @Flow('support-ticket', {
    trigger: { webhook: 'ticket.created', source: 'helpdesk' },      // or { cron: '0 2 * * *', tz: 'Europe/Rome' } or { event: 'order.held' }
    concurrency: { key: (input) => input.customerId, limit: 1 },
    cancelOn: { event: 'ticket.closed', match: 'ticketId' },
    onFailure: 'notifyOps',                                           // a method of this class: the fallback workflow
  })
  async run(flow: FlowContext<Ticket>) {
    const history = await flow.step('crm-history', () => this.crm.getContact(flow.input.contactId));
    const analysis = await flow.step('analyse', () => this.ai.classify(flow.input.body, LABELS));
    await flow.step('crm-update', () => this.crm.updateContact(history.id, { ai_category: analysis.label }));
    if (analysis.label === 'complaint') {
      await flow.step('escalate', () => this.crm.createTicket({ subject: `Complaint from ${flow.input.customerId}`, contactId: history.id }));
      const reply = await flow.waitForEvent('customer-reply', { event: 'ticket.replied', match: 'ticketId', timeout: '1d' });
      if (!reply) await flow.step('remind', () => ({ reminded: true }));
    }
    await flow.sleep('cool-off', '30m');
  }

  async notifyOps(flow: FlowContext<Ticket>, error: Error) {
    await flow.step('page', () => `${flow.runId} failed: ${error.message}`);
  }
}

// The other triggers of the comment.
export class OtherTriggers {
  @Flow('nightly', { trigger: { cron: '0 2 * * *', tz: 'Europe/Rome' } })
  async nightly(flow: FlowContext<{ scheduledAt: string }>) {
    await flow.step('noop', () => null);
  }

  @Flow('held', { trigger: { event: 'order.held' } })
  async held(flow: FlowContext<{ orderId: string }>) {
    const [a, b] = await flow.parallel([() => flow.step('a', () => 1), flow.step('b', () => 'two')]);
    const n: number = a;
    const s: string = b;
    return { n, s };
  }
}

// FlowsService (exported): start(name, input, { id? }) → runId; get(runId); list({ flow, status, since });
// cancel(runId); replay(runId, { fromStep? }); emit(event, payload)
export async function service(flows: FlowsService): Promise<void> {
  const runId: string = await flows.start('support-ticket', { ticketId: 't1' }, { id: 'run-1' });
  const run = await flows.get(runId);
  if (run) {
    const status: string = run.status;
    const stepIds: string[] = run.steps.map((s) => s.id);
    void status;
    void stepIds;
  }
  const page = await flows.list({ flow: 'support-ticket', status: 'failed', since: new Date(Date.now() - 86_400_000) });
  void page.runs.length;
  await flows.cancel(runId);
  await flows.replay(runId, { fromStep: 'analyse' });
  await flows.replay(runId);
  const emitted = await flows.emit('ticket.replied', { ticketId: 't1' });
  void emitted.resumed;
  // @ts-expect-error a duration must carry a unit
  await ({} as FlowContext).sleep('x', '30 minutes');
}

FlowsModule.forRootAsync({ useFactory: () => ({ redis: { url: 'redis://127.0.0.1:6379' } }) });
