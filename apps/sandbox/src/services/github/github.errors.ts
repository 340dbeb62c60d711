import type { Reply } from '../../http/route.js';

const DOCS = 'https://docs.github.com/rest/repos/webhooks';

/** GitHub's error body: `{ message, documentation_url, status }` (+ `errors` on 422). */
export function githubError(status: number, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): Reply {
  return { status, body: { message, documentation_url: DOCS, status: String(status), ...extra }, ...(headers && { headers }) };
}

export const notFound = (): Reply => githubError(404, 'Not Found');

export const validationFailed = (error: Record<string, unknown>): Reply =>
  githubError(422, 'Validation Failed', { errors: [{ resource: 'Hook', code: 'custom', ...error }] });

export const rateLimitExceeded = (status = 403): Reply =>
  githubError(status, 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.', {
    documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
  });

/** The body GitHub sends for a failure with `status` (used by fault injection). */
export function githubFailure(status: number): Reply {
  if (status === 429) {
    return githubError(429, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', {}, { 'Retry-After': '60' });
  }
  if (status === 403) return rateLimitExceeded();
  if (status === 401) return githubError(401, 'Bad credentials');
  if (status === 404) return notFound();
  if (status === 422) return validationFailed({ message: 'Hook already exists on this repository' });
  return githubError(status, status === 503 ? 'Service Unavailable' : 'Server Error');
}
