/** The storefront named a customer or product that Shopify does not know (404): retrying cannot help. */
export class UnknownShopifyRecordError extends Error {
  override readonly name = 'UnknownShopifyRecordError';

  constructor(readonly kind: 'customer' | 'product', readonly shopifyId: number) {
    super(
      `The product-viewed flow cannot recommend: Shopify has no ${kind} ${shopifyId} (404). Nothing was stored; ` +
        `check the storefront's ${kind}_id, then replay the run.`,
    );
  }
}
