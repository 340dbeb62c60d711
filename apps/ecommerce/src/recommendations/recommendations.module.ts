import { Module } from '@nestjs/common';
import { ProductViewedFlow } from './product-viewed.flow.js';
import { ShopifyHistory } from './shopify-history.js';
import { ProductCategories } from './product-categories.js';
import { RecommendationReranker } from './recommendation-reranker.js';
import { RecommendationsRepository } from './recommendations.repository.js';
import { RecommendationsController } from './recommendations.controller.js';

/** Flow 1: product viewed → recommendations, and `GET /customers/:id/recommendations`. */
@Module({
  providers: [ProductViewedFlow, ShopifyHistory, ProductCategories, RecommendationReranker, RecommendationsRepository],
  controllers: [RecommendationsController],
})
export class RecommendationsModule {}
