import { Inject, Injectable } from '@nestjs/common';
import { Flow, type FlowContext } from '@aiwire/flows';
import { ConnectorHttpError, InjectConnector, type ShopifyConnector, type ShopifyProduct, type SlackConnector } from '@aiwire/connectors';
import { flowInput } from '../shop/flow-input.js';
import { CrmService } from '../crm/crm.service.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import type { ReviewSummary } from '../db/review-summary.js';
import { ReviewCreatedEvent } from './review-created.event.js';
import { UnknownReviewedProductError } from './review-submitted.errors.js';
import { ReviewAnalyser } from './review-analyser.js';
import { reviewQuality } from './review-quality.js';
import { ReviewsRepository } from './reviews.repository.js';
import { crmNote, isUnhappy, slackAlert, type ReviewFacts } from './review-messages.js';

export const REVIEW_SUBMITTED_FLOW = 'review-submitted';

/** What a run returns (its output on the dashboard). */
export interface ReviewSubmittedResult {
  readonly reviewId: string;
  readonly sentiment: string;
  readonly unhappy: boolean;
  /** The HubSpot note, or null when the reviewer has no CRM contact. */
  readonly crmNoteId: string | null;
  /** The `#reviews` message's ts, or null for a happy review. */
  readonly slackTs: string | null;
  readonly summary: Pick<ReviewSummary, 'reviews' | 'meanRating' | 'meanSentiment'> | null;
}

/**
 * Flow 2: a review arrives from the helpdesk → its product from Shopify → sentiment and topics by
 * the AI, a quality score → the review and its analysis stored → the product's aggregate → a CRM
 * note and, for an unhappy review, a `#reviews` alert. Each side effect is its own step: a replay
 * after a failure does not repeat the ones already made.
 */
@Injectable()
export class ReviewSubmittedFlow {
  constructor(
    private readonly analyser: ReviewAnalyser,
    private readonly repository: ReviewsRepository,
    private readonly crm: CrmService,
    @InjectConnector('shopify') private readonly shopify: ShopifyConnector,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  @Flow(REVIEW_SUBMITTED_FLOW, {
    trigger: { webhook: 'review.created', source: 'helpdesk' },
    // A failing CRM or Slack call is retried a few times, quickly, then the run fails and waits for a replay.
    attempts: 3,
    backoff: { delayMs: 250, maxDelayMs: 2_000 },
  })
  async run(flow: FlowContext): Promise<ReviewSubmittedResult> {
    const { data: review, created_at: deliveredAt } = await flowInput(REVIEW_SUBMITTED_FLOW, ReviewCreatedEvent, flow.input);
    const text = review.title.trim() === '' ? review.body : `${review.title}. ${review.body}`;
    const shopifyProductId = Number(review.product_id);

    const product = await flow.step('product', () => this.product(shopifyProductId));
    if (!product) throw new UnknownReviewedProductError(review.id, shopifyProductId);
    const sentiment = await flow.step('sentiment', () => this.analyser.sentiment(text));
    const { topics, model: topicsModel } = await flow.step('topics', () => this.analyser.topics(text));
    const quality = reviewQuality(review, sentiment, topics);
    const model = [...new Set([sentiment.model, topicsModel])].join(', ');
    const writtenAt = review.created_at ?? deliveredAt;

    const stored = await flow.step('store', () =>
      this.repository.store({ review, writtenAt: writtenAt ?? new Date().toISOString(), product, sentiment, topics, quality, model }),
    );
    const summary = await flow.step('product-summary', async () => (await this.repository.summaryOf(stored.productId)) ?? null);

    const facts: ReviewFacts = { review, productTitle: product.title, sentiment, topics, quality };
    const crmNoteId = await flow.step('crm-note', async () => (await this.crm.note(review.customer_email, crmNote(facts))) ?? null);
    const unhappy = isUnhappy(review.rating, sentiment.label);
    const slackTs = unhappy
      ? await flow.step('slack-alert', async () => (await this.slack.postMessage({ channel: this.config.slackChannels.reviews, text: slackAlert(facts, summary ?? undefined) })).ts)
      : null;
    return {
      reviewId: review.id, sentiment: sentiment.label, unhappy, crmNoteId, slackTs,
      summary: summary && { reviews: summary.reviews, meanRating: summary.meanRating, meanSentiment: summary.meanSentiment },
    };
  }

  /** What the products row needs; null when Shopify does not know the id (404). */
  private async product(id: number): Promise<Pick<ShopifyProduct, 'id' | 'title' | 'variants'> | null> {
    try {
      const { title, variants } = await this.shopify.getProduct(id);
      return { id, title, variants };
    } catch (error) {
      if (error instanceof ConnectorHttpError && error.status === 404) return null;
      throw error;
    }
  }
}
