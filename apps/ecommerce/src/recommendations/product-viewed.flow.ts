import { Injectable, Logger } from '@nestjs/common';
import { Flow, FlowStepFailedError, type FlowContext } from '@aiwire/flows';
import { flowInput } from '../shop/flow-input.js';
import { ProductViewedEvent } from './product-viewed.event.js';
import { UnknownShopifyRecordError } from './product-viewed.errors.js';
import { ShopifyHistory, type CatalogueProduct } from './shopify-history.js';
import { ProductCategories } from './product-categories.js';
import { rankRecommendations, type Recommendation } from './rank-recommendations.js';
import { RecommendationReranker, RERANK_CANDIDATES, type Rerank, type RerankRequest } from './recommendation-reranker.js';
import { RecommendationsRepository } from './recommendations.repository.js';

export const PRODUCT_VIEWED_FLOW = 'product-viewed';
/** How many recommendations a customer gets. */
export const RECOMMENDATIONS_SHOWN = 4;

/** What a run returns (its output on the dashboard): Shopify ids. */
export interface ProductViewedResult {
  readonly customerId: number;
  readonly viewedProductId: number;
  readonly items: number[];
  readonly explanation: string | null;
  /** `provider:model` that re-ranked the list, or null (no LLM configured, or it failed: see the `ai-rerank` step). */
  readonly rerankedBy: string | null;
}

/**
 * Flow 1: a shopper views a product → their own order history and the shop's co-purchases from
 * Shopify → AI-read categories → a ranking on both (rank-recommendations.ts) → an LLM re-rank with a
 * one-line explanation when one is configured → the customer's recommendations replaced.
 */
@Injectable()
export class ProductViewedFlow {
  private readonly logger = new Logger(ProductViewedFlow.name);

  constructor(
    private readonly shopify: ShopifyHistory,
    private readonly categories: ProductCategories,
    private readonly reranker: RecommendationReranker,
    private readonly repository: RecommendationsRepository,
  ) {}

  @Flow(PRODUCT_VIEWED_FLOW, {
    trigger: { webhook: 'product.viewed', source: 'storefront' },
    // Two quick views by one shopper compute one after the other: the later view's list is the one kept.
    concurrency: { key: (input) => String(input.data?.customer_id ?? 'unknown'), limit: 1 },
  })
  async run(flow: FlowContext): Promise<ProductViewedResult> {
    const event = await flowInput(PRODUCT_VIEWED_FLOW, ProductViewedEvent, flow.input);
    const { customer_id: customerId, product_id: viewedId } = event.data;
    const now = Date.parse(event.timestamp);

    const customer = await flow.step('customer', () => this.shopify.customer(customerId));
    if (!customer) throw new UnknownShopifyRecordError('customer', customerId);
    const [purchases, orders] = await flow.parallel([
      () => flow.step('customer-orders', () => this.shopify.purchases(customerId, now)),
      () => flow.step('shop-orders', () => this.shopify.orders(now)),
    ]);
    const catalogue = await flow.step('products', () =>
      this.shopify.catalogue([viewedId, ...purchases.map((l) => l.productId), ...orders.flatMap((o) => o.productIds)]),
    );
    const byId = new Map(catalogue.map((p) => [p.id, p]));
    const viewed = byId.get(viewedId);
    if (!viewed) throw new UnknownShopifyRecordError('product', viewedId);
    const categories = await flow.step('categories', () => this.categories.of(catalogue));

    const facts = new Map(catalogue.map((p) => [p.id, { category: categories[p.id], price: priceOf(p) }]));
    const ranked = rankRecommendations({ viewedProductId: viewedId, customerId, history: purchases, orders, products: facts, now, limit: RERANK_CANDIDATES });
    const product = (id: number) => ({ id, title: byId.get(id)?.title ?? String(id), ...facts.get(id) });
    const rerank = this.reranker.enabled && ranked.length > 0
      ? await this.rerank(flow, {
        viewed: product(viewedId),
        history: purchases.map((l) => ({ ...l, title: product(l.productId).title, category: categories[l.productId] })),
        candidates: ranked.map((r) => ({ ...r, ...product(r.productId) })),
      })
      : null;

    const byRank = new Map(ranked.map((r) => [r.productId, r]));
    const shown = (rerank?.order ?? ranked.map((r) => r.productId)).slice(0, RECOMMENDATIONS_SHOWN).map((id) => byRank.get(id)!);
    const explanation = rerank?.explanation ?? null;
    await flow.step('store', () =>
      this.repository.replace({ customer, viewed, categories, explanation, items: shown.map((r: Recommendation) => ({ product: byId.get(r.productId)!, score: r.score, reasons: r.reasons })) }),
    );
    return { customerId, viewedProductId: viewedId, items: shown.map((r) => r.productId), explanation, rerankedBy: rerank?.model ?? null };
  }

  /**
   * The LLM's re-rank, or null when it failed: the AI lib has already retried and walked the
   * provider chain, so the step runs once; it shows as failed on the run, and the rule ranking is kept.
   */
  private async rerank(flow: FlowContext, request: RerankRequest): Promise<Rerank | null> {
    try {
      return await flow.step('ai-rerank', () => this.reranker.rerank(request), { attempts: 1 });
    } catch (error) {
      if (!(error instanceof FlowStepFailedError)) throw error;
      this.logger.warn(`Run ${flow.runId}: kept the rule ranking, the LLM re-rank failed: ${error.message}`);
      return null;
    }
  }
}

function priceOf(product: CatalogueProduct): number | undefined {
  const price = Number(product.variants[0]?.price);
  return Number.isFinite(price) ? price : undefined;
}
