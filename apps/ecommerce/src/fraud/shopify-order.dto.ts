import { Type } from 'class-transformer';
import {
  ArrayNotEmpty, IsArray, IsDateString, IsEmail, IsInt, IsNumberString, IsOptional, IsPositive, IsString, Length, Min, ValidateNested,
} from 'class-validator';

export class ShopifyLineItemDto {
  @IsInt() id!: number;
  @IsOptional() @IsInt() product_id!: number | null;
  @IsOptional() @IsInt() variant_id!: number | null;
  @IsString() title!: string;
  @IsInt() @Min(1) quantity!: number;
  @IsNumberString() price!: string;
}

export class ShopifyOrderCustomerDto {
  @IsInt() @IsPositive() id!: number;
  @IsOptional() @IsEmail() email?: string | null;
}

/** The fields of a Shopify `orders/create` payload the fraud check reads; the rest of the order is ignored. */
export class ShopifyOrderDto {
  @IsInt() @IsPositive() id!: number;
  @IsString() name!: string;
  @IsOptional() @IsEmail() email!: string | null;
  @IsDateString() created_at!: string;
  @IsString() @Length(3, 3) currency!: string;
  @IsNumberString() total_price!: string;
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => ShopifyLineItemDto) line_items!: ShopifyLineItemDto[];
  @IsOptional() @ValidateNested() @Type(() => ShopifyOrderCustomerDto) customer?: ShopifyOrderCustomerDto | null;
  @IsOptional() @IsString() note?: string | null;
  /** Shopify's tags: one comma-separated string. */
  @IsOptional() @IsString() tags?: string;
}
