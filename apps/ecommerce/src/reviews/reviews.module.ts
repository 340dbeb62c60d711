import { Module } from '@nestjs/common';
import { ReviewSubmittedFlow } from './review-submitted.flow.js';
import { ReviewAnalyser } from './review-analyser.js';
import { AiProvenance } from './ai-provenance.js';
import { ReviewsRepository } from './reviews.repository.js';
import { ReviewsController } from './reviews.controller.js';

/** Flow 2: review submitted → analysis, and `GET /products/:id/reviews/summary`. */
@Module({
  providers: [ReviewSubmittedFlow, ReviewAnalyser, AiProvenance, ReviewsRepository],
  controllers: [ReviewsController],
})
export class ReviewsModule {}
