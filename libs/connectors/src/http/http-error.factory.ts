import { ConnectorHttpError } from '../errors/connector-http.error.js';
import type { HttpMethod } from '../interfaces/request-options.interface.js';
import type { ProviderError } from '../dialects/provider-dialect.interface.js';
import type { AttemptOutcome } from './attempt-outcome.js';
import { isPermanentNetworkError } from './attempt-outcome.js';
import type { Redactor } from './redactor.js';

/** What a call was, for its error. */
export interface CallIdentity {
  readonly connector: string;
  readonly service: string;
  readonly method: HttpMethod;
  readonly endpoint: string;
  readonly host: string;
}

/** Longest provider message kept. */
const MAX_MESSAGE = 500;

/** The provider's error with credentials scrubbed, then cut (scrubbing first, so no part of one survives the cut). */
export function scrubProviderError(error: ProviderError, redactor: Redactor): ProviderError {
  return {
    ...(error.code !== undefined && { code: redactor.scrub(error.code).slice(0, 100) }),
    ...(error.message !== undefined && { message: redactor.scrub(error.message).slice(0, MAX_MESSAGE) }),
  };
}

/** Provider codes whose fix is specific (Slack answers them with HTTP 200). */
const CODE_HINTS: Readonly<Record<string, string>> = {
  channel_not_found: 'Check the channel name or id; a private channel must have the app invited.',
  not_in_channel: 'Invite the app to the channel (/invite @app) or use a public channel with chat:write.public.',
  is_archived: 'The channel is archived; post elsewhere or unarchive it.',
  missing_scope: 'The token lacks a scope this method needs; add it to the app and reinstall.',
  invalid_auth: "The token was refused; check the connector's auth options.",
  not_authed: 'No token was sent; configure the connector\'s auth.',
  no_text: 'Give text or blocks.',
  msg_too_long: 'Shorten the text (40 000 characters at most).',
  invalid_blocks: 'Fix the blocks (see the Block Kit Builder).',
  invalid_blocks_format: 'blocks must be an array of Block Kit blocks.',
};

/** What to do about a failed answer, by code, then by status. */
function hint(status: number, code: string | undefined, retryAfterMs: number | undefined): string {
  if (code && CODE_HINTS[code]) return CODE_HINTS[code];
  if (status === 401) return "The credentials were refused; check the connector's auth options.";
  if (status === 403) return 'The credentials lack a permission or scope this call needs.';
  if (status === 404) return 'Check the id or the path.';
  if (status === 409) return 'The resource is in a conflicting state or locked; retry later.';
  if (status === 429) {
    return retryAfterMs === undefined
      ? 'Rate limited; lower the call rate or raise retry.maxRetries.'
      : `Rate limited; retry in ${Math.ceil(retryAfterMs / 1000)} s or lower the call rate.`;
  }
  if (status >= 500) return 'The provider is failing; retry later.';
  if (status >= 400) return 'Fix the request parameters.';
  return 'The provider reported a failure; see code.';
}

/** The `ConnectorHttpError` for the last outcome of a call; every text passes the redactor. */
export function toHttpError(
  id: CallIdentity,
  outcome: Exclude<AttemptOutcome, { kind: 'success' }>,
  attempts: number,
  redactor: Redactor,
  retryAfterMs: number | undefined,
  requestId: string | undefined,
): ConnectorHttpError {
  const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const what = `${id.service} ${id.method} ${id.endpoint} failed`;
  const base = { connector: id.connector, service: id.service, method: id.method, endpoint: id.endpoint, attempts, ...(requestId && { requestId }) };
  if (outcome.kind === 'timeout') {
    return new ConnectorHttpError(
      { ...base, code: 'ETIMEDOUT', cause: redactor.scrubError(outcome.cause) },
      `${what}: no answer within ${outcome.timeoutMs} ms ${tries}. Raise timeoutMs or check that ${id.host} is healthy.`,
    );
  }
  if (outcome.kind === 'network') {
    const todo = isPermanentNetworkError(outcome.code)
      ? 'Check the host name and the TLS settings (mTLS certificate, key and CA).'
      : 'Check baseUrl and that the service is reachable.';
    return new ConnectorHttpError({ ...base, code: outcome.code, cause: redactor.scrubError(outcome.cause) }, `${what}: could not reach ${id.host} (${outcome.code}) ${tries}. ${todo}`);
  }
  const { res } = outcome;
  const error = scrubProviderError(outcome.error, redactor);
  const providerMessage = error.message;
  const okFalse = res.status < 400;
  const label = okFalse ? `ok: false (HTTP ${res.status})` : `HTTP ${res.status}`;
  const detail = `${error.code ? ` ${error.code}` : ''}${providerMessage && providerMessage !== error.code ? ` "${providerMessage}"` : ''}`;
  return new ConnectorHttpError(
    {
      ...base,
      status: res.status,
      ...(error.code && { code: error.code }),
      ...(providerMessage && { providerMessage }),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
      body: redactor.scrubDeep(res.body),
    },
    `${what}: ${label}${detail} ${tries}. ${hint(res.status, error.code, retryAfterMs)}`,
  );
}
