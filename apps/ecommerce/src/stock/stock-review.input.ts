import { IsISO8601 } from 'class-validator';

/** What a cron firing starts the stock review with (`FlowsService.start('stock-review', { scheduledAt })` by hand). */
export class StockReviewInput {
  /** The firing's moment: sales are read for the 28 days before it, and it keys the firing's purchase orders. */
  @IsISO8601({ strict: true }) scheduledAt!: string;
}
