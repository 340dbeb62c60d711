import { genericDialect, isRecord, str } from './generic.dialect.js';
import type { ProviderDialect } from './provider-dialect.interface.js';

/** GitHub REST: `{ message, errors? }`; a spent primary limit is a 403 with `X-RateLimit-Remaining: 0`, retried after `X-RateLimit-Reset`. */
export const githubDialect: ProviderDialect = {
  ...genericDialect,
  service: 'github',
  error(res) {
    if (res.status < 400) return undefined;
    const body = isRecord(res.body) ? res.body : {};
    const first = Array.isArray(body.errors) && isRecord(body.errors[0]) ? body.errors[0] : undefined;
    const code = str(first?.code);
    const message = [str(body.message), str(first?.message)].filter(Boolean).join(': ');
    return { ...(code && { code }), ...(message && { message }) };
  },
  shouldRetry(res) {
    if (res.status === 403 && (res.headers['x-ratelimit-remaining'] === '0' || res.headers['retry-after'] !== undefined)) return true;
    return undefined;
  },
  requestId: (res) => res.headers['x-github-request-id'],
};
