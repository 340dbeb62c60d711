import { Inject, Injectable } from '@nestjs/common';
import { Flow, type FlowContext } from '@aiwire/flows';
import { AiService } from '@aiwire/ai';
import { ConnectorHttpError, InjectConnector, type ShopifyConnector, type SlackConnector } from '@aiwire/connectors';
import { CrmService } from '../crm/crm.service.js';
import { ShopRepository } from '../shop/shop.repository.js';
import { flowInput } from '../shop/flow-input.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import { assessFraud, fraudVerdict, type FraudAssessment } from './fraud-rules.js';
import { FraudDecisionsRepository, type FraudReason } from './fraud-decisions.repository.js';
import { OrderHistoryService } from './order-history.service.js';
import { mergeTags, parseTags } from './order-tags.js';
import { ShopifyOrderDto } from './shopify-order.dto.js';
import { describeOrder, explanationPrompt, holdAlert } from './fraud-messages.js';

export const FRAUD_FLOW = 'order-fraud-check';
const NOTE_LABELS = ['urgent', 'gift', 'instructions', 'other'];
export const FRAUD_TAGS = { approved: 'fraud:approved', held: 'fraud:held', holdFailed: 'fraud:hold-failed' } as const;
const ALL_FRAUD_TAGS = Object.values(FRAUD_TAGS);

/** What the hold step did in Shopify: the fulfillment orders held, or why Shopify refused. */
export interface HoldOutcome {
  readonly held: number[];
  readonly refused: string | null;
}

/** What a run returns (the run's `output`), so the dashboard and the API say what really happened. */
export interface FraudCheckResult {
  readonly order: string;
  readonly decision: 'approve' | 'hold';
  readonly score: number;
  readonly reasons: readonly string[];
  readonly tags: readonly string[];
  /** For a hold: whether Shopify holds the order's fulfillment now. */
  readonly onHold?: boolean;
  readonly holdError?: string;
  readonly slackTs?: string;
  readonly crmTicketId?: string;
}

/**
 * Flow 3: a new Shopify order is checked against the customer's order history (Shopify) and payment
 * history (Stripe) with explainable rules and the AI's reading of the note, and the decision is carried
 * out in Shopify. Each side effect is its own step, so a failure part-way resumes without repeating
 * what was done; the alert is written from what the hold step actually achieved.
 */
@Injectable()
export class FraudCheckFlow {
  constructor(
    @InjectConnector('shopify') private readonly shopify: ShopifyConnector,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    private readonly ai: AiService,
    private readonly crm: CrmService,
    private readonly shop: ShopRepository,
    private readonly decisions: FraudDecisionsRepository,
    private readonly history: OrderHistoryService,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  @Flow(FRAUD_FLOW, { trigger: { webhook: 'orders/create', source: 'shopify' }, backoff: { delayMs: 500 } })
  async run(flow: FlowContext<unknown>): Promise<FraudCheckResult> {
    const order = await flowInput(FRAUD_FLOW, ShopifyOrderDto, flow.input);
    const orderId = await flow.step('record-order', () => this.shop.upsertOrder({ ...order, customer: order.customer ? { id: order.customer.id } : null }));
    const customer = await flow.step('customer-history', () => this.history.customer(order));
    const payments = await flow.step('payment-history', () => this.history.payments(order));
    const note = await flow.step('read-note', () => this.readNote(order.note));
    const assessment = assessFraud({
      total: Number(order.total_price),
      maxQuantity: Math.max(0, ...order.line_items.map((li) => li.quantity)),
      ...customer,
      ...payments,
      urgentNote: note?.label === 'urgent',
    });
    const decision = fraudVerdict(assessment);
    const explanation = await flow.step('explain', () => this.explain(order, assessment, decision));
    const reasons: FraudReason[] = [
      ...assessment.reasons.map((text) => ({ kind: 'rule' as const, text })),
      ...(note ? [{ kind: 'ai' as const, text: `order note read as "${note.label}" (confidence ${note.confidence.toFixed(2)})` }] : []),
      ...(explanation.text ? [{ kind: 'explanation' as const, text: explanation.text }] : []),
      ...(explanation.unavailable ? [{ kind: 'ai' as const, text: `no AI explanation: ${explanation.unavailable}` }] : []),
    ];
    const decisionId = await flow.step('record-decision', () => this.decisions.record(orderId, decision, assessment.score, reasons));
    const base = { order: order.name, decision, score: assessment.score, reasons: assessment.reasons };

    if (decision === 'approve') {
      const tags = await flow.step('tag-approved', () => this.tag(order.id, FRAUD_TAGS.approved));
      await flow.step('mark-applied', () => this.decisions.applied(decisionId, orderId, { status: 'approved', tags, applied: true }));
      return { ...base, tags };
    }

    // Hold first: it is what protects the shop. The alert then says what the hold step achieved.
    const hold = await flow.step('hold-fulfillment', () => this.hold(order.id, assessment));
    const onHold = hold.refused === null;
    const text = holdAlert(order, assessment, hold);
    const slackTs = await flow.step('alert-slack', async () => (await this.slack.postMessage({ channel: this.config.slackChannels.fraud, text })).ts);
    const crmTicketId = await flow.step('crm-ticket', () => this.crm.ticket(order.email ?? order.customer?.email ?? undefined, {
      subject: `Fraud review: order ${order.name}`,
      content: `${describeOrder(order)} scored ${assessment.score}/100. ${onHold ? 'Fulfillment is on hold in Shopify.' : `Shopify refused the hold (${hold.refused}): hold it by hand.`} Reasons: ${assessment.reasons.join('; ')}.`,
      priority: onHold ? 'HIGH' : 'URGENT',
    }));
    const tags = await flow.step('tag-held', () => this.tag(order.id, onHold ? FRAUD_TAGS.held : FRAUD_TAGS.holdFailed));
    await flow.step('mark-applied', () => this.decisions.applied(decisionId, orderId, { status: onHold ? 'on_hold' : 'needs_manual_hold', tags, applied: onHold }));
    return { ...base, tags, onHold, ...(hold.refused !== null && { holdError: hold.refused }), slackTs, crmTicketId };
  }

  private async readNote(note: string | null | undefined): Promise<{ label: string; confidence: number } | null> {
    if (!note?.trim()) return null;
    const { label, confidence } = await this.ai.classify(note, NOTE_LABELS);
    return { label, confidence };
  }

  /**
   * One paragraph for the reviewer, when an LLM is configured (the offline `local` provider writes
   * none). Nice to have, not needed to decide: an LLM that fails or times out is recorded, not fatal.
   */
  private async explain(order: ShopifyOrderDto, assessment: FraudAssessment, decision: 'approve' | 'hold'): Promise<{ text: string | null; unavailable?: string }> {
    const { openaiApiKey, openaiBaseUrl, anthropicApiKey } = this.config.ai;
    if (!openaiApiKey && !openaiBaseUrl && !anthropicApiKey) return { text: null };
    try {
      const result = await this.ai.chat({ ...explanationPrompt(order, assessment, decision), temperature: 0.2, maxTokens: 220, timeoutMs: 15_000 });
      return { text: result.text.trim() || null };
    } catch (error) {
      return { text: null, unavailable: (error as Error).message };
    }
  }

  /** Adds `tag` to the order's current tags (read from Shopify, not the webhook: staff may have tagged it since). */
  private async tag(shopifyOrderId: number, tag: string): Promise<string[]> {
    const current = parseTags(String((await this.shopify.getOrder(shopifyOrderId)).tags ?? ''));
    const tags = mergeTags(current, tag, ALL_FRAUD_TAGS);
    await this.shopify.updateOrder(shopifyOrderId, { tags: tags.join(', ') });
    return tags;
  }

  /**
   * Holds every fulfillment order of the order not on hold yet. A refusal (4xx: closed, already
   * fulfilled) is an answer, recorded and reported; a 5xx or 429 throws, so the step is retried.
   */
  private async hold(shopifyOrderId: number, assessment: FraudAssessment): Promise<HoldOutcome> {
    const fulfillmentOrders = await this.shopify.listFulfillmentOrders(shopifyOrderId);
    const held: number[] = [];
    const refusals: string[] = [];
    for (const fo of fulfillmentOrders) {
      if (fo.status === 'on_hold') {
        held.push(fo.id);
        continue;
      }
      try {
        await this.shopify.holdFulfillmentOrder(fo.id, { reason: 'high_risk_of_fraud', reason_notes: `Fraud score ${assessment.score}/100: ${assessment.reasons.join('; ')}`.slice(0, 255) });
        held.push(fo.id);
      } catch (error) {
        if (!(error instanceof ConnectorHttpError) || error.status === undefined || error.status === 429 || error.status >= 500) throw error;
        refusals.push(`fulfillment order ${fo.id}: ${error.status} ${error.providerMessage ?? error.message}`);
      }
    }
    if (fulfillmentOrders.length === 0) refusals.push('the order has no fulfillment order to hold');
    return { held, refused: refusals.length ? refusals.join('; ') : null };
  }
}
