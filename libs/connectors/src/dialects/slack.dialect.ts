import { genericDialect, isRecord, readGenericError, str } from './generic.dialect.js';
import type { ProviderDialect } from './provider-dialect.interface.js';

/** Slack answers errors as HTTP 200 `{ ok: false, error }`; these mean the token itself is refused or expired (token rotation). */
const TOKEN_REFUSED = new Set(['invalid_auth', 'token_expired', 'token_revoked']);

/** The Slack Web API: `ok: false` is a failure whatever the status; rate limits are 429 with `Retry-After`. */
export const slackDialect: ProviderDialect = {
  ...genericDialect,
  service: 'slack',
  error(res) {
    if (isRecord(res.body) && res.body.ok === false) {
      const code = str(res.body.error) ?? 'unknown_error';
      // invalid_arguments and friends explain themselves in response_metadata.messages.
      const meta = isRecord(res.body.response_metadata) ? res.body.response_metadata : undefined;
      const detail = Array.isArray(meta?.messages) ? meta.messages.filter((m) => typeof m === 'string').join('; ') : '';
      return { code, message: detail || code };
    }
    return res.status >= 400 ? readGenericError(res) : undefined;
  },
  shouldRetry(res, error) {
    // Platform errors (channel_not_found, no_text, ...) answer the same however often they are sent.
    if (res.status < 300) return error.code === 'ratelimited';
    return undefined;
  },
  isUnauthorized: (res, error) => res.status === 401 || TOKEN_REFUSED.has(error.code ?? ''),
  rateLimitState: () => undefined,
  requestId: (res) => res.headers['x-slack-req-id'],
};
