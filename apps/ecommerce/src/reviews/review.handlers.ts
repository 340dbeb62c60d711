import { Inject, Injectable } from '@nestjs/common';
import { Equals, IsEmail, IsInt, IsNumberString, IsObject, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { OnWebhook, type WebhookEvent } from '@aiwire/webhooks';
import { AiService } from '@aiwire/ai';
import { InjectConnector, type SlackConnector } from '@aiwire/connectors';
import { InsightsStore } from '../insights/insights.store.js';
import { CrmService } from '../crm/crm.service.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import { reviewQuality } from './review-quality.js';
import { ReviewTopics } from './review-topics.dto.js';

class ReviewData {
  @IsString() id!: string;
  /** The helpdesk keeps ids of other systems as strings. */
  @IsNumberString() product_id!: string;
  @IsEmail() customer_email!: string;
  @IsInt() @Min(1) @Max(5) rating!: number;
  @IsString() title!: string;
  @IsString() body!: string;
}

/** The helpdesk's `review.created` delivery. */
export class ReviewCreatedEvent {
  @Equals('review.created') event_type!: string;
  @IsObject() @ValidateNested() @Type(() => ReviewData) data!: ReviewData;
}

/** Review analysis: sentiment, topics and quality; the CRM gets a note, bad reviews reach Slack. */
@Injectable()
export class ReviewHandlers {
  constructor(
    private readonly ai: AiService,
    private readonly crm: CrmService,
    private readonly insights: InsightsStore,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  @OnWebhook('review.created', { source: 'helpdesk', dto: ReviewCreatedEvent })
  async onReview(event: WebhookEvent<ReviewCreatedEvent>): Promise<void> {
    const review = event.payload.data;
    const text = `${review.title}. ${review.body}`;
    const sentiment = await this.ai.sentiment(text);
    const { topics = [] } = await this.ai.extract(text, ReviewTopics);
    const quality = reviewQuality(review, sentiment, topics);
    const analysis = { reviewId: review.id, productId: Number(review.product_id), rating: review.rating, sentiment, topics, quality };
    await this.insights.save('reviews', review.id, analysis);

    const summary = `Review ${review.rating}★ "${review.title}": ${sentiment.label} (${sentiment.score.toFixed(2)}, ${sentiment.language}); topics: ${topics.join(', ') || 'none'}; quality ${quality.score}`;
    await this.insights.once(`${event.id}:crm-note`, () => this.crm.note(review.customer_email, summary));
    if (sentiment.label === 'negative' || review.rating <= 2) {
      await this.insights.once(`${event.id}:slack`, () =>
        this.slack.postMessage({ channel: this.config.slackChannels.reviews, text: `:warning: Unhappy customer ${review.customer_email} — ${summary}` }),
      );
    }
  }
}
