import { Module } from '@nestjs/common';
import { StockReviewFlow } from './stock-review.flow.js';

/** Flow 6: the nightly stock review (`stock-review.flow.ts`). */
@Module({ providers: [StockReviewFlow] })
export class StockModule {}
