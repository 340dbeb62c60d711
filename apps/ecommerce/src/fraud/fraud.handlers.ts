import { Inject, Injectable } from '@nestjs/common';
import { OnWebhook, type WebhookEvent } from '@aiwire/webhooks';
import { AiService } from '@aiwire/ai';
import { InjectConnector, type ShopifyConnector, type ShopifyOrder, type SlackConnector } from '@aiwire/connectors';
import { InsightsStore } from '../insights/insights.store.js';
import { CrmService } from '../crm/crm.service.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import { assessFraud, type OrderFacts } from './fraud-rules.js';

const NOTE_LABELS = ['urgent', 'gift', 'instructions'];
const HOUR_MS = 3_600_000;

/** Fraud detection on every new Shopify order; high risk alerts Slack and opens a CRM ticket. */
@Injectable()
export class FraudHandlers {
  constructor(
    @InjectConnector('shopify') private readonly shopify: ShopifyConnector,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    private readonly ai: AiService,
    private readonly crm: CrmService,
    private readonly insights: InsightsStore,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  @OnWebhook('orders/create', { source: 'shopify' })
  async onOrderCreated(event: WebhookEvent<ShopifyOrder>): Promise<void> {
    const order = event.payload;
    const facts = await this.facts(order);
    const assessment = assessFraud(facts);
    await this.insights.save('fraud', String(order.id), { order: order.name, email: order.email, total: facts.total, ...assessment });
    if (assessment.level === 'low') return;
    const why = assessment.reasons.join('; ');
    if (assessment.level === 'high') {
      await this.insights.once(`${event.id}:slack`, () =>
        this.slack.postMessage({ channel: this.config.slackChannels.fraud, text: `:rotating_light: Order ${order.name} (${order.email}, $${facts.total.toFixed(2)}) scored ${assessment.score}/100: ${why}. Fulfilment is on hold.` }),
      );
    }
    await this.insights.once(`${event.id}:crm`, () =>
      this.crm.ticket(order.email ?? undefined, { subject: `Fraud review: order ${order.name}`, content: `Risk ${assessment.score}/100 (${assessment.level}): ${why}`, priority: assessment.level === 'high' ? 'HIGH' : 'MEDIUM' }),
    );
  }

  private async facts(order: ShopifyOrder): Promise<OrderFacts> {
    const customerId = order.customer?.id;
    const placed = Date.parse(order.created_at);
    // Only what came before this order: later ones may already exist when a webhook is late.
    const before = (o: ShopifyOrder) => Date.parse(o.created_at) < placed || (Date.parse(o.created_at) === placed && o.id < order.id);
    const history = customerId === undefined ? [] : (await this.shopify.listOrders({ customerId, status: 'any', limit: 250 }).toArray()).filter((o) => before(o) && !o.cancelled_at);
    const customer = customerId === undefined ? undefined : await this.shopify.getCustomer(customerId);
    const totals = history.map((o) => Number(o.total_price));
    return {
      total: Number(order.total_price),
      maxQuantity: Math.max(0, ...order.line_items.map((li) => li.quantity)),
      previousOrders: history.length,
      averagePreviousTotal: totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : 0,
      ordersLastHour: history.filter((o) => placed - Date.parse(o.created_at) < HOUR_MS).length,
      urgentNote: typeof order.note === 'string' && order.note.length > 0 && (await this.ai.classify(order.note, NOTE_LABELS)).label === 'urgent',
      customerTags: String(customer?.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean),
    };
  }
}
