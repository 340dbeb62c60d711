import { BadRequestException, Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ReviewsRepository } from './reviews.repository.js';
import { ProductReviewSummaryDto } from './review-summary.dto.js';

const shopifyId = new ParseIntPipe({ exceptionFactory: () => new BadRequestException('shopifyProductId must be a Shopify product id (digits only).') });

@ApiTags('reviews')
@Controller('products')
export class ReviewsController {
  constructor(private readonly repository: ReviewsRepository) {}

  @Get(':shopifyProductId/reviews/summary')
  @ApiOperation({ summary: "What shoppers say about a product: mean sentiment, distribution, top topics, weekly trend" })
  @ApiParam({ name: 'shopifyProductId', description: 'Shopify product id', example: 8790123450001 })
  @ApiOkResponse({ type: ProductReviewSummaryDto })
  @ApiBadRequestResponse({ description: 'The id is not a number.' })
  @ApiNotFoundResponse({ description: 'The shop has no product with this Shopify id.' })
  async summary(@Param('shopifyProductId', shopifyId) id: number): Promise<ProductReviewSummaryDto> {
    const summary = await this.repository.summaryByShopifyId(id);
    if (!summary) throw new NotFoundException(`No product with Shopify id ${id}: a product appears here once a review of it (or a view, or an order) has been processed.`);
    return { ...summary, distribution: { ...summary.distribution }, topTopics: [...summary.topTopics], trend: [...summary.trend] };
  }
}
