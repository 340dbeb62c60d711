import { SlackConnector } from '../connectors/slack.connector.js';
import { genericDialect, isRecord, readGenericError, str } from '../dialects/generic.dialect.js';
import type { ProviderDialect } from '../dialects/provider-dialect.interface.js';
import type { ConnectorKindDescriptor } from './connector-kind.interface.js';

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

/** The Slack Web API at slack.com. */
export const slackKind: ConnectorKindDescriptor<'slack', SlackConnector> = {
  kind: 'slack',
  defaultBaseUrl: () => 'https://slack.com',
  // @slack/web-api: "https://slack.com/api/".
  baseUrlRule(path, url) {
    if (/\/api\/[A-Za-z]+(\.[A-Za-z]+)+$/.test(path)) return { why: 'names a Web API method', write: `the API root, "${url.origin}/api"` };
    return { prefix: path.replace(/\/api$/, '') };
  },
  // Web API tier 3 (~50+/min); chat.postMessage allows about one per second per channel with bursts.
  rateLimit: { capacity: 60, refillPerSecond: 1 },
  headers: () => ({}),
  dialect: slackDialect,
  create: (name, http) => new SlackConnector(name, http),
};
