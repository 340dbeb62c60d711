import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { PaymentCheck } from './payment-checks.js';
import { PaymentsRepository, type PaymentView } from './payments.repository.js';

class PaymentCheckDto implements PaymentCheck {
  @ApiProperty({ enum: ['order', 'status', 'amount', 'currency', 'customer', 'risk'] }) check!: PaymentCheck['check'];
  @ApiProperty() ok!: boolean;
  @ApiProperty({ example: 'received 120.00 USD, the order totals 139.64 USD' }) detail!: string;
}

export class PaymentDto implements PaymentView {
  @ApiProperty({ example: 'pi_3Sbx1001order0001' }) paymentIntentId!: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) shopifyOrderId!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '#1001' }) orderName!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'paid' }) orderStatus!: string | null;
  @ApiProperty({ example: 13964, description: 'In the currency\'s minor unit, as Stripe counts it' }) amountMinor!: number;
  @ApiProperty({ example: 'usd' }) currency!: string;
  @ApiProperty({ enum: ['paid', 'payment_review'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'normal' }) riskLevel!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) riskScore!: number | null;
  @ApiProperty({ type: [PaymentCheckDto] }) checks!: PaymentCheck[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The helpdesk message that confirmed the payment to the customer' }) confirmationMessageId!: string | null;
  @ApiProperty() createdAt!: string;
}

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsRepository) {}

  @Get(':paymentIntentId')
  @ApiParam({ name: 'paymentIntentId', example: 'pi_3Sbx1001order0001' })
  @ApiOkResponse({ type: PaymentDto, description: 'The payment as checked against its order' })
  @ApiNotFoundResponse({ description: 'No payment with this id has reached the shop' })
  async one(@Param('paymentIntentId') paymentIntentId: string): Promise<PaymentView> {
    const payment = await this.payments.one(paymentIntentId);
    if (!payment) throw new NotFoundException(`No payment ${paymentIntentId}.`);
    return payment;
  }
}
