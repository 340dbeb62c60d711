import { Inject, Injectable } from '@nestjs/common';
import { AiService } from '@aiwire/ai';
import { InjectConnector, type SlackConnector } from '@aiwire/connectors';
import { Flow, type FlowContext } from '@aiwire/flows';
import { CrmService } from '../crm/crm.service.js';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { tickets } from '../db/schema.js';
import { flowInput } from '../shop/flow-input.js';
import { ShopRepository } from '../shop/shop.repository.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import { describeHistory } from './customer-history.js';
import { CustomerHistoryReader } from './customer-history.reader.js';
import { TicketAnalyst } from './ticket-analyst.js';
import { TicketCreatedEvent } from './ticket-created.dto.js';
import { triageTicket } from './ticket-triage.js';

export const SUPPORT_FLOW = 'support-ticket';

/** HubSpot's ticket categories for ours (HubSpot has none for shipping). */
const HUBSPOT_CATEGORY = { billing: 'BILLING_ISSUE', product: 'PRODUCT_ISSUE', shipping: 'GENERAL_INQUIRY', other: 'GENERAL_INQUIRY' } as const;

/**
 * Flow 5: a helpdesk ticket → the customer's CRM history (tickets, orders, lifetime value) → the AI's
 * category and sentiment with that history in the prompt → priority by the triage rules → the CRM
 * contact and a CRM ticket → when negative or high-value, an escalation ticket and a #support post
 * with an AI summary of the ticket and the history → the `tickets` row.
 *
 * Each side effect is its own step, and the CRM tickets are found by `helpdesk_ticket_id` before one
 * is opened, so a retry after a lost answer or a replay after a failure opens none twice.
 */
@Injectable()
export class SupportTicketFlow {
  constructor(
    private readonly history: CustomerHistoryReader,
    private readonly analyst: TicketAnalyst,
    private readonly ai: AiService,
    private readonly crm: CrmService,
    private readonly shop: ShopRepository,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    @InjectDb() private readonly db: Database,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  @Flow(SUPPORT_FLOW, { trigger: { webhook: 'ticket.created', source: 'helpdesk' }, attempts: 3, backoff: { delayMs: 500, maxDelayMs: 5_000 } })
  async run(flow: FlowContext<unknown>) {
    const { data: ticket } = await flowInput(SUPPORT_FLOW, TicketCreatedEvent, flow.input);
    const email = ticket.customer_email.trim().toLowerCase();
    const ticketText = ticketAsText(ticket.subject, ticket.body);

    const { history, at } = await flow.step('crm-history', async () => ({ history: await this.history.read(email, ticket.id), at: new Date().toISOString() }));
    const now = new Date(at);
    const historyText = describeHistory(history, now);
    const analysis = await flow.step('analyse', () => this.analyst.analyse(ticketText, historyText));
    const triage = triageTicket({ category: analysis.category, sentiment: analysis.sentiment, helpdeskPriority: ticket.priority }, history, now);

    const crm = await flow.step('crm-update', async () => {
      const contactId = await this.crm.upsertContact(email, {
        last_ticket_category: analysis.category, last_ticket_sentiment: analysis.sentiment.label, last_ticket_priority: triage.priority, last_ticket_at: at,
      }, history.contactId);
      const crmTicketId = await this.crm.ensureFlowTicket(ticket.id, 'triage', {
        subject: `[${analysis.category}] ${ticket.subject}`, content: ticket.body, priority: triage.priority, contactId,
        properties: { hs_ticket_category: HUBSPOT_CATEGORY[analysis.category], aiwire_category: analysis.category, aiwire_sentiment: analysis.sentiment.label },
      });
      return { contactId, crmTicketId };
    });

    let summary: string | null = null;
    let escalationTicketId: string | null = null;
    if (triage.escalate) {
      summary = await flow.step('summarize', () => this.ai.summarize(`${ticketText}\n\n${historyText}`, { maxWords: 50 }));
      const content = `${summary}\n\nWhy escalated: ${triage.reasons.join('; ')}.`;
      escalationTicketId = await flow.step('escalation-ticket', () =>
        this.crm.ensureFlowTicket(ticket.id, 'escalation', { subject: `Escalated: ${ticket.subject}`, content, priority: 'HIGH', contactId: crm.contactId, properties: { aiwire_category: analysis.category } }),
      );
      await flow.step('notify-support', async () => {
        const who = history.name ? `${history.name} <${email}>` : email;
        const text = `:rotating_light: ${triage.priority} ${analysis.category} ticket from ${who} escalated (${triage.reasons.join('; ')}).\n> ${summary}\nCRM ticket ${escalationTicketId}`;
        return (await this.slack.postMessage({ channel: this.config.slackChannels.support, text })).ts;
      });
    }

    const row = await flow.step('store', async () => {
      const customerId = (await this.shop.upsertCustomer({ email, name: history.name ?? null })) ?? null;
      const values = {
        customerId, subject: ticket.subject, body: ticket.body, language: analysis.language === 'und' ? null : analysis.language,
        category: analysis.category, sentimentLabel: analysis.sentiment.label, sentimentScore: analysis.sentiment.score, priority: triage.priority,
        summary, escalated: triage.escalate, crmTicketId: crm.crmTicketId, escalationTicketId,
      };
      const [stored] = await this.db.insert(tickets).values({ helpdeskId: ticket.id, ...values })
        .onConflictDoUpdate({ target: tickets.helpdeskId, set: values })
        .returning({ id: tickets.id });
      return stored!.id;
    });
    return { ticketId: row, category: analysis.category, priority: triage.priority, escalated: triage.escalate, crmTicketId: crm.crmTicketId, escalationTicketId };
  }
}

/** Subject and body as one text, the subject ending as a sentence (for the classifier and the summary). */
export function ticketAsText(subject: string, body: string): string {
  const s = subject.trim();
  if (!s) return body.trim();
  return `${/[.!?…:]$/.test(s) ? s : `${s}.`} ${body.trim()}`;
}
