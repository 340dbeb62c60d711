import { Controller, Get, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FraudDecisionsRepository, type FraudReason, type OrderView } from './fraud-decisions.repository.js';

class FraudReasonDto {
  @ApiProperty({ enum: ['rule', 'ai', 'explanation'], description: 'A rule that fired, what the AI read, or the LLM\'s explanation' }) kind!: FraudReason['kind'];
  @ApiProperty() text!: string;
}

export class OrderDto implements OrderView {
  @ApiProperty({ example: 5923801956406 }) shopifyOrderId!: number;
  @ApiPropertyOptional({ example: '#1006', nullable: true, type: String }) name!: string | null;
  @ApiProperty({ example: 'on_hold', description: '`open`, `approved`, `on_hold`, `needs_manual_hold` (Shopify refused the hold), `paid`, `payment_review`' }) status!: string;
  @ApiProperty({ example: 129.99, description: 'In the currency\'s major unit' }) total!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: [String], example: ['fraud:held'] }) tags!: string[];
  @ApiPropertyOptional({ enum: ['approve', 'hold'], nullable: true }) decision!: 'approve' | 'hold' | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Fraud score, 0 (no risk) to 100' }) score!: number | null;
  @ApiProperty({ type: [FraudReasonDto] }) reasons!: FraudReasonDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the decision was carried out in Shopify' }) appliedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly decisions: FraudDecisionsRepository) {}

  @Get()
  @ApiQuery({ name: 'status', required: false, example: 'on_hold', description: 'Only orders with this status' })
  @ApiOkResponse({ type: [OrderDto], description: 'Orders, newest first (at most 100), each with its fraud decision, score and reasons' })
  list(@Query('status') status?: string): Promise<OrderView[]> {
    return this.decisions.list({ ...(status && { status }) });
  }

  @Get(':shopifyOrderId')
  @ApiParam({ name: 'shopifyOrderId', example: 5923801956406, description: 'The Shopify order id' })
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ description: 'No order with this Shopify id has reached the shop' })
  async one(@Param('shopifyOrderId', ParseIntPipe) shopifyOrderId: number): Promise<OrderView> {
    const order = await this.decisions.one(shopifyOrderId);
    if (!order) throw new NotFoundException(`No order with Shopify id ${shopifyOrderId}.`);
    return order;
  }
}
