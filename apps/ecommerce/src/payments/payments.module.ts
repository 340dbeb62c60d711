import { Module } from '@nestjs/common';
import { PaymentCompletedFlow } from './payment-completed.flow.js';
import { PaymentReader } from './payment-reader.service.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentsController } from './payments.controller.js';

/** Flow 4: payment completed → transaction analysis; `GET /payments/:paymentIntentId`. */
@Module({
  providers: [PaymentCompletedFlow, PaymentReader, PaymentsRepository],
  controllers: [PaymentsController],
})
export class PaymentsModule {}
