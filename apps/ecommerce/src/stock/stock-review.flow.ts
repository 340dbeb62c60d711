import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AiService } from '@aiwire/ai';
import { InjectConnector, type ShopifyConnector, type SlackConnector } from '@aiwire/connectors';
import { Flow, type FlowContext } from '@aiwire/flows';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { products, purchaseOrders } from '../db/schema.js';
import { flowInput } from '../shop/flow-input.js';
import { ShopRepository } from '../shop/shop.repository.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import { describeReorder, planReorders, STOCK_RULES, type ProductSales, type ProductStock } from './stock-plan.js';
import { STOCK_REVIEW_SCHEDULE } from './stock-review.schedule.js';
import { StockReviewInput } from './stock-review.input.js';

export const STOCK_FLOW = 'stock-review';
const DAY = 86_400_000;

/** A purchase order this firing stored. */
interface DraftedOrder {
  readonly id: number;
  readonly title: string;
  readonly quantity: number;
  readonly stock: number;
  readonly threshold: number;
  readonly rationale: string;
}

/** A line of the plan with its rationale, before it is stored. */
type PlannedOrder = Omit<DraftedOrder, 'id'> & { readonly productId: number };

/**
 * Flow 6, nightly: stock levels and the last 28 days of sales from Shopify → the products below
 * their threshold (`stock-plan.ts`) → the AI's rationale for each purchase order → `purchase_orders`
 * rows → one #purchasing post. A firing's orders carry its `scheduledAt` as `created_at`, so a
 * second run for the same firing (a replay, a hand start) finds them and drafts, stores and posts nothing.
 */
@Injectable()
export class StockReviewFlow implements OnModuleInit {
  private readonly logger = new Logger(StockReviewFlow.name);

  constructor(
    private readonly ai: AiService,
    private readonly shop: ShopRepository,
    @InjectConnector('shopify') private readonly shopify: ShopifyConnector,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    @InjectDb() private readonly db: Database,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  onModuleInit(): void {
    const wanted = this.config.stockReview;
    if (wanted.cron !== STOCK_REVIEW_SCHEDULE.cron || wanted.tz !== STOCK_REVIEW_SCHEDULE.tz) {
      this.logger.warn(
        `The stock review runs on "${STOCK_REVIEW_SCHEDULE.cron}" (${STOCK_REVIEW_SCHEDULE.tz}) from the process environment, not on "${wanted.cron}" (${wanted.tz}) of the app's config: ` +
          'set STOCK_REVIEW_CRON and STOCK_REVIEW_TZ in the environment of the process.',
      );
    }
  }

  @Flow(STOCK_FLOW, { trigger: { cron: STOCK_REVIEW_SCHEDULE.cron, tz: STOCK_REVIEW_SCHEDULE.tz }, attempts: 3, backoff: { delayMs: 1_000, maxDelayMs: 10_000 } })
  async run(flow: FlowContext<unknown>) {
    const { scheduledAt } = await flowInput(STOCK_FLOW, StockReviewInput, flow.input);
    const firing = new Date(scheduledAt);

    const stock = await flow.step('stock-levels', () => this.stockLevels());
    const sales = await flow.step('recent-sales', () => this.recentSales(firing));
    const done = await flow.step('already-drafted', () => this.draftedAt(firing));
    const plan = planReorders(stock, sales).filter((line) => !done.includes(line.productId));
    if (plan.length === 0) return { scheduledAt, drafted: 0, alreadyDrafted: done.length };

    const rationales = await flow.step('draft', () => Promise.all(plan.map((line) => this.rationale(describeReorder(line)))));
    const drafted = await flow.step('store', () =>
      this.store(firing, plan.map((line, i) => ({ productId: line.productId, title: line.title, quantity: line.quantity, stock: line.stock, threshold: line.threshold, rationale: rationales[i] ?? '' }))),
    );
    if (drafted.length > 0) await flow.step('notify-purchasing', () => this.post(firing, drafted));
    return { scheduledAt, drafted: drafted.length, purchaseOrders: drafted.map((d) => d.id), alreadyDrafted: done.length };
  }

  /** Every product's stock on hand (the sum of its variants'), each refreshed into its products row with the row's threshold. */
  private async stockLevels(): Promise<ProductStock[]> {
    const levels: ProductStock[] = [];
    for await (const product of this.shopify.listProducts({ limit: 250 })) {
      const productId = await this.shop.upsertProduct(product);
      const [row] = await this.db.select({ stockThreshold: products.stockThreshold }).from(products).where(eq(products.id, productId));
      const stock = product.variants.reduce((sum, v) => sum + (v.inventory_quantity ?? 0), 0);
      levels.push({ productId, shopifyId: product.id, title: product.title, stock, stockThreshold: row?.stockThreshold ?? 0 });
    }
    return levels;
  }

  /** Units sold per Shopify product id in the two halves of the window before the firing; cancelled orders left out. */
  private async recentSales(firing: Date): Promise<Record<string, ProductSales>> {
    const from = new Date(firing.getTime() - STOCK_RULES.windowDays * DAY);
    const split = firing.getTime() - STOCK_RULES.recentDays * DAY;
    const sales: Record<string, { recent: number; older: number }> = {};
    const orders = this.shopify.listOrders({
      status: 'any', created_at_min: from.toISOString(), created_at_max: firing.toISOString(), limit: 250, fields: ['id', 'created_at', 'cancelled_at', 'line_items'],
    });
    for await (const order of orders) {
      if (order.cancelled_at) continue;
      const recent = Date.parse(order.created_at) >= split;
      for (const item of order.line_items) {
        if (item.product_id === null) continue;
        const entry = (sales[String(item.product_id)] ??= { recent: 0, older: 0 });
        if (recent) entry.recent += item.quantity;
        else entry.older += item.quantity;
      }
    }
    return sales;
  }

  /** Products that already have a purchase order of this firing. */
  private async draftedAt(firing: Date): Promise<number[]> {
    const rows = await this.db.select({ productId: purchaseOrders.productId }).from(purchaseOrders).where(eq(purchaseOrders.createdAt, firing));
    return rows.map((r) => r.productId);
  }

  /** The rationale from the facts: an LLM writes it when one is configured, the `local` provider summarises the facts otherwise. */
  private async rationale(facts: string): Promise<string> {
    const { text } = await this.ai.chat({
      messages: [
        { role: 'system', content: 'You are the purchasing assistant of an online shop. From the facts the user gives, write the rationale of a purchase order in at most two sentences: why now, and why this quantity. Use only the facts given.' },
        { role: 'user', content: `Summarize in 50 words: ${facts}` },
      ],
      temperature: 0.2,
      maxTokens: 120,
    });
    return text.trim();
  }

  /** Inserts the orders of products that have none for this firing yet, in one transaction: a concurrent run of the same firing adds nothing. */
  private async store(firing: Date, lines: readonly PlannedOrder[]): Promise<DraftedOrder[]> {
    return this.db.transaction(async (tx) => {
      // Serialises runs of one firing (a hand start beside the cron's): the second sees the first's rows.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('aiwire:stock-review'), hashtext(${firing.toISOString()}))`);
      const ids = lines.map((l) => l.productId);
      const taken = new Set((await tx.select({ productId: purchaseOrders.productId }).from(purchaseOrders)
        .where(and(eq(purchaseOrders.createdAt, firing), inArray(purchaseOrders.productId, ids)))).map((r) => r.productId));
      const fresh = lines.filter((l) => !taken.has(l.productId));
      if (fresh.length === 0) return [];
      const rows = await tx.insert(purchaseOrders)
        .values(fresh.map((l) => ({ productId: l.productId, quantity: l.quantity, rationale: l.rationale, status: 'draft', createdAt: firing })))
        .returning({ id: purchaseOrders.id, productId: purchaseOrders.productId });
      return rows.map((row) => {
        const line = fresh.find((l) => l.productId === row.productId)!;
        return { id: row.id, title: line.title, quantity: line.quantity, stock: line.stock, threshold: line.threshold, rationale: line.rationale };
      });
    });
  }

  private async post(firing: Date, drafted: readonly DraftedOrder[]): Promise<string> {
    const when = firing.toISOString().slice(0, 16).replace('T', ' ');
    const lines = drafted.map((d) => `• *${d.title}*: order ${d.quantity} (stock ${d.stock}, reorder point ${d.threshold}). ${d.rationale}`);
    const text = `:package: Stock review of ${when} UTC: ${drafted.length} purchase order${drafted.length === 1 ? '' : 's'} drafted.\n${lines.join('\n')}`;
    return (await this.slack.postMessage({ channel: this.config.slackChannels.purchasing, text })).ts;
  }
}
