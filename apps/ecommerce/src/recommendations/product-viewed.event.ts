import { Type } from 'class-transformer';
import { Equals, IsISO8601, IsInt, IsObject, IsPositive, ValidateNested } from 'class-validator';

class ProductViewedData {
  /** The shopper's Shopify customer id. */
  @IsInt() @IsPositive() customer_id!: number;
  /** The Shopify product they are looking at. */
  @IsInt() @IsPositive() product_id!: number;
}

/** The storefront's Standard Webhooks event `{ type: 'product.viewed', timestamp, data: { customer_id, product_id } }`. */
export class ProductViewedEvent {
  @Equals('product.viewed') type!: string;
  /** When the shopper viewed the product: recency is measured from here. */
  @IsISO8601() timestamp!: string;
  @IsObject() @ValidateNested() @Type(() => ProductViewedData) data!: ProductViewedData;
}
