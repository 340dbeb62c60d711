import { ApiProperty } from '@nestjs/swagger';

export class SentimentDistributionDto {
  @ApiProperty({ example: 3 }) positive!: number;
  @ApiProperty({ example: 1 }) neutral!: number;
  @ApiProperty({ example: 2 }) negative!: number;
}

export class TopicCountDto {
  @ApiProperty({ description: 'Lower-cased topic.', example: 'battery' }) topic!: string;
  @ApiProperty({ description: 'Reviews mentioning it.', example: 3 }) reviews!: number;
}

export class ReviewWeekDto {
  @ApiProperty({ description: "The ISO week's Monday (UTC), YYYY-MM-DD.", example: '2026-11-30' }) week!: string;
  @ApiProperty({ example: 2 }) reviews!: number;
  @ApiProperty({ example: 3.5 }) meanRating!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when none of the week\'s reviews is analysed yet.', example: 0.12 }) meanSentiment!: number | null;
}

export class ProductReviewSummaryDto {
  @ApiProperty({ description: 'Shopify product id.', example: 8790123450001 }) productId!: number;
  @ApiProperty({ example: 'Aurora Wireless Headphones' }) title!: string;
  @ApiProperty({ description: 'Reviews of the product, analysed or not.', example: 6 }) reviews!: number;
  @ApiProperty({ description: 'Of those, how many have an analysis (the sentiment figures cover only these).', example: 6 }) analysed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean star rating, 2 decimals; null without reviews.', example: 3.67 }) meanRating!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean sentiment score (-1..1), 3 decimals; null without analyses.', example: 0.281 }) meanSentiment!: number | null;
  @ApiProperty({ type: SentimentDistributionDto }) distribution!: SentimentDistributionDto;
  @ApiProperty({ type: [TopicCountDto], description: 'Most mentioned topics, by reviews mentioning them, then alphabetically.' }) topTopics!: TopicCountDto[];
  @ApiProperty({ type: [ReviewWeekDto], description: 'One entry per ISO week (UTC) with reviews, oldest first.' }) trend!: ReviewWeekDto[];
}
