/** The review names a product Shopify does not know (404): retrying cannot help. */
export class UnknownReviewedProductError extends Error {
  override readonly name = 'UnknownReviewedProductError';

  constructor(readonly reviewId: string, readonly shopifyProductId: number) {
    super(
      `The review-submitted flow cannot analyse review ${reviewId}: Shopify has no product ${shopifyProductId} (404). ` +
        `Nothing was stored; fix the review's product_id on the helpdesk, then replay the run.`,
    );
  }
}
