import { gid, money, shopTime, type ShopifyProduct } from './shopify.objects.js';

export interface ProductInput {
  title: string;
  vendor: string;
  productType: string;
  price: number;
  sku: string;
  description?: string;
  tags?: string;
  inventory?: number;
  id?: number;
  createdAt?: number;
}

/** A product with its single default variant, as the REST API returns it. */
export function productObject(id: number, ids: { variant: number; option: number; inventoryItem: number }, input: ProductInput): ShopifyProduct {
  const at = shopTime(input.createdAt);
  return {
    id,
    title: input.title,
    body_html: input.description ?? '',
    vendor: input.vendor,
    product_type: input.productType,
    handle: input.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    status: 'active',
    tags: input.tags ?? '',
    created_at: at,
    updated_at: at,
    published_at: at,
    published_scope: 'global',
    template_suffix: null,
    variants: [
      {
        id: ids.variant,
        product_id: id,
        title: 'Default Title',
        price: money(input.price),
        sku: input.sku,
        position: 1,
        inventory_item_id: ids.inventoryItem,
        inventory_quantity: input.inventory ?? 25,
        old_inventory_quantity: input.inventory ?? 25,
        inventory_management: 'shopify',
        inventory_policy: 'deny',
        created_at: at,
        updated_at: at,
        taxable: true,
        requires_shipping: true,
        admin_graphql_api_id: gid('ProductVariant', ids.variant),
      },
    ],
    options: [{ id: ids.option, product_id: id, name: 'Title', position: 1, values: ['Default Title'] }],
    images: [],
    image: null,
    admin_graphql_api_id: gid('Product', id),
  };
}
