import { ApiProperty } from '@nestjs/swagger';

export class RecommendedProductDto {
  @ApiProperty({ description: 'Shopify product id.', example: 8790123450003 })
  productId!: number;

  @ApiProperty({ example: 'Terra Ceramic Mug' })
  title!: string;

  @ApiProperty({ description: "The rule ranking's score (bought together, the customer's categories and price band, recency, popularity).", example: 2.79 })
  score!: number;

  @ApiProperty({ type: [String], example: ['you buy kitchen (100% of your recent purchases)', 'in your usual price range (~30.00)'] })
  reasons!: string[];
}

export class CustomerRecommendationsDto {
  @ApiProperty({ description: 'Shopify customer id.', example: 7390384554201 })
  customerId!: number;

  @ApiProperty({ description: 'Shopify id of the product whose view computed the list; null before the first view.', type: Number, nullable: true, example: 8790123450004 })
  viewedProductId!: number | null;

  @ApiProperty({ description: 'When the list was computed (ISO 8601); null before the first view.', type: String, nullable: true, example: '2026-12-01T12:00:00.000Z' })
  computedAt!: string | null;

  @ApiProperty({ description: "The LLM's one-line explanation when an LLM provider re-ranked the list; null on the offline provider.", type: String, nullable: true })
  explanation!: string | null;

  @ApiProperty({ type: [RecommendedProductDto], description: 'In the order to show them (the LLM\'s order when it re-ranked).' })
  items!: RecommendedProductDto[];
}
