/** What the platforms put on a request once a route matched. */
interface RoutedRequest {
  /** Express: the matched route (`/orders/:id`) and the router's mount path. */
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
  /** Fastify 5: the matched route's URL pattern. */
  readonly routeOptions?: { readonly url?: string };
}

/**
 * The matched route's template (`/orders/:id`), never the raw path (ids stay out of log fields
 * that are grouped on); `(unmatched)` when no route matched.
 */
export function routeTemplate(request: RoutedRequest): string {
  const fastify = request.routeOptions?.url;
  if (typeof fastify === 'string') return fastify;
  const express = request.route?.path;
  if (typeof express === 'string') return `${request.baseUrl ?? ''}${express}`;
  return '(unmatched)';
}
