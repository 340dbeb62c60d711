import { ApiProperty } from '@nestjs/swagger';
import { RunSummaryDto } from './runs.dto.js';

export class WebhookCountDto {
  @ApiProperty({ example: 'storefront' }) source!: string;
  @ApiProperty({ example: 'accepted', description: '`accepted`, `duplicate`, `invalid_signature`, `rate_limited`, `invalid_payload`, …' }) outcome!: string;
  @ApiProperty({ example: 42 }) count!: number;
}

export class WebhookFiguresDto {
  @ApiProperty({ description: 'Deliveries the intake answered.' }) total!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty({ description: 'Deliveries of an event already accepted: answered 200 and dropped.' }) duplicate!: number;
  @ApiProperty({ description: 'Every other outcome: forged, rate-limited, malformed, …' }) rejected!: number;
  @ApiProperty({ type: [WebhookCountDto], description: 'By source and outcome.' }) counts!: WebhookCountDto[];
}

export class FlowCountDto {
  @ApiProperty({ example: 'review-analysis' }) flow!: string;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ description: 'Queued, running, sleeping or waiting.' }) running!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() total!: number;
}

export class FlowFiguresDto {
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() running!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [FlowCountDto] }) flows!: FlowCountDto[];
}

export class ProductSentimentDto {
  @ApiProperty() productId!: number;
  @ApiProperty() title!: string;
  @ApiProperty() reviews!: number;
  @ApiProperty({ description: 'Reviews with an analysis; the sentiment figures cover only these.' }) analysed!: number;
  @ApiProperty({ type: Number, nullable: true, description: '-1 (very negative) to 1, 3 decimals; null before the first analysis.' }) meanSentiment!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean star rating, 2 decimals.' }) meanRating!: number | null;
  @ApiProperty() positive!: number;
  @ApiProperty() neutral!: number;
  @ApiProperty() negative!: number;
}

export class HeldOrderDto {
  @ApiProperty() orderId!: number;
  @ApiProperty({ type: String, nullable: true, example: '#1042' }) name!: string | null;
  @ApiProperty({ type: Number, nullable: true }) shopifyId!: number | null;
  @ApiProperty({ example: 612.5 }) total!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: String, nullable: true }) customerEmail!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Fraud score, 0 to 100, of the decision in force.' }) score!: number | null;
  @ApiProperty({ type: [String], description: 'Why the order was held, as the fraud check explained it.' }) reasons!: string[];
  @ApiProperty({ format: 'date-time', description: 'When the order row last changed.' }) updatedAt!: string;
}

export class HeldOrdersDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [HeldOrderDto], description: 'The most recently held first.' }) orders!: HeldOrderDto[];
}

export class AiFiguresDto {
  @ApiProperty({ description: 'Calls that reached a provider (retries and fallbacks included in one call).' }) calls!: number;
  @ApiProperty({ description: 'Of those, calls that ended in an error.' }) failed!: number;
  @ApiProperty() cacheHits!: number;
  @ApiProperty() cacheMisses!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'hits / (hits + misses), 0 to 1; null before the first lookup.' }) cacheHitRate!: number | null;
  @ApiProperty({ description: 'Estimated spend in US dollars.' }) spendUsd!: number;
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
}

export class QueueDepthDto {
  @ApiProperty({ example: 'webhooks' }) queue!: string;
  @ApiProperty({ description: 'Waiting and paused.' }) waiting!: number;
  @ApiProperty() active!: number;
  @ApiProperty() delayed!: number;
  @ApiProperty() failed!: number;
}

export class QueueFiguresDto {
  @ApiProperty({ description: 'Jobs waiting, active or delayed over every queue.' }) depth!: number;
  @ApiProperty({ description: 'Webhook handler executions that failed their last attempt, kept for replay.' }) deadLetters!: number;
  @ApiProperty({ type: [QueueDepthDto] }) queues!: QueueDepthDto[];
}

/** Everything the dashboard shows: `GET /api/dashboard`, and each message of the stream. */
export class DashboardFiguresDto {
  @ApiProperty({ format: 'date-time', description: 'When the figures were read.' }) at!: string;
  @ApiProperty({ type: WebhookFiguresDto }) webhooks!: WebhookFiguresDto;
  @ApiProperty({ type: FlowFiguresDto }) flows!: FlowFiguresDto;
  @ApiProperty({ type: [ProductSentimentDto], description: 'Products with reviews, the most reviewed first.' }) sentiment!: ProductSentimentDto[];
  @ApiProperty({ type: HeldOrdersDto }) heldOrders!: HeldOrdersDto;
  @ApiProperty({ type: AiFiguresDto, description: 'From the same registry /metrics serves (this process\'s calls).' }) ai!: AiFiguresDto;
  @ApiProperty({ type: QueueFiguresDto }) queues!: QueueFiguresDto;
  @ApiProperty({ type: [RunSummaryDto], description: 'The newest flow runs.' }) recentRuns!: RunSummaryDto[];
}
