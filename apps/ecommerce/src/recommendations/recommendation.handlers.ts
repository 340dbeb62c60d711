import { Injectable } from '@nestjs/common';
import { OnWebhook, type WebhookEvent } from '@aiwire/webhooks';
import { IsInt, IsObject, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { RecommendationService } from './recommendation.service.js';
import { InsightsStore } from '../insights/insights.store.js';

class ProductViewedData {
  @IsInt() customer_id!: number;
  @IsInt() product_id!: number;
}

/** The storefront's Standard Webhooks event `{ type: 'product.viewed', timestamp, data }`. */
export class ProductViewedEvent {
  @IsObject() @ValidateNested() @Type(() => ProductViewedData) data!: ProductViewedData;
}

@Injectable()
export class RecommendationHandlers {
  constructor(
    private readonly recommendations: RecommendationService,
    private readonly insights: InsightsStore,
  ) {}

  @OnWebhook('product.viewed', { source: 'storefront', dto: ProductViewedEvent })
  async onProductViewed(event: WebhookEvent<ProductViewedEvent>): Promise<void> {
    const { customer_id: customerId, product_id: productId } = event.payload.data;
    const items = await this.recommendations.recommend(customerId, productId);
    await this.insights.save('recommendations', String(customerId), { viewedProductId: productId, items, at: event.receivedAt });
  }
}
