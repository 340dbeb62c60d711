import { Type } from 'class-transformer';
import { Equals, IsEmail, IsISO8601, IsInt, IsNotEmpty, IsNumberString, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

export class ReviewData {
  /** The review platform's id (our `reviews.external_id`). */
  @IsString() @IsNotEmpty() id!: string;
  /** The Shopify product; the helpdesk keeps ids of other systems as strings. */
  @IsNumberString({ no_symbols: true }) product_id!: string;
  @IsEmail() customer_email!: string;
  @IsInt() @Min(1) @Max(5) rating!: number;
  @IsString() title!: string;
  @IsString() @IsNotEmpty() body!: string;
  /** When the customer wrote it; the envelope's `created_at` otherwise. */
  @IsOptional() @IsISO8601() created_at?: string;
}

/** The helpdesk's `review.created` delivery `{ id, event_type, created_at, data }` (HMAC-signed). */
export class ReviewCreatedEvent {
  @Equals('review.created') event_type!: string;
  @IsOptional() @IsISO8601() created_at?: string;
  @IsObject() @ValidateNested() @Type(() => ReviewData) data!: ReviewData;
}
