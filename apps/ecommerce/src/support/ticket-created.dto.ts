import { Equals, IsEmail, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

export const HELPDESK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export class TicketData {
  @IsString() @MinLength(1) id!: string;
  @IsEmail() customer_email!: string;
  @IsString() subject!: string;
  // The local AI provider reads at most 50,000 characters; a longer ticket is refused up front.
  @IsString() @MinLength(1) @MaxLength(20_000) body!: string;
  @IsOptional() @IsIn(HELPDESK_PRIORITIES) priority?: (typeof HELPDESK_PRIORITIES)[number];
  @IsOptional() @IsString() order_id?: string | null;
}

/** The helpdesk's `ticket.created` delivery: `{ id, event_type, created_at, data }`. */
export class TicketCreatedEvent {
  @Equals('ticket.created') event_type!: string;
  @IsObject() @ValidateNested() @Type(() => TicketData) data!: TicketData;
}
