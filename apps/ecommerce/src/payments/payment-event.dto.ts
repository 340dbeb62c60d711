import { Type } from 'class-transformer';
import { Equals, IsObject, IsString, Matches, ValidateNested } from 'class-validator';

export class PaymentIntentRefDto {
  /** Only the id is read: everything else comes from Stripe's API, not from the payload. */
  @Matches(/^pi_[A-Za-z0-9]+$/, { message: 'id must be a payment intent id (pi_…)' }) id!: string;
}

export class PaymentEventDataDto {
  @IsObject() @ValidateNested() @Type(() => PaymentIntentRefDto) object!: PaymentIntentRefDto;
}

/** Stripe's `payment_intent.succeeded` event envelope, as far as the flow reads it. */
export class PaymentSucceededEventDto {
  @Matches(/^evt_[A-Za-z0-9]+$/, { message: 'id must be a Stripe event id (evt_…)' }) id!: string;
  @IsString() @Equals('payment_intent.succeeded') type!: string;
  @IsObject() @ValidateNested() @Type(() => PaymentEventDataDto) data!: PaymentEventDataDto;
}
