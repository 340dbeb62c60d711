import { Module } from '@nestjs/common';
import { FraudCheckFlow } from './fraud-check.flow.js';
import { FraudDecisionsRepository } from './fraud-decisions.repository.js';
import { OrderHistoryService } from './order-history.service.js';
import { OrdersController } from './orders.controller.js';

/** Flow 3: order created → fraud check → approve or hold; `GET /orders`. */
@Module({
  providers: [FraudCheckFlow, FraudDecisionsRepository, OrderHistoryService],
  controllers: [OrdersController],
  exports: [FraudDecisionsRepository],
})
export class FraudModule {}
