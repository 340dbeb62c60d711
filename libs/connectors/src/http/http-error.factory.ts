import { messages } from '../connectors.messages.js';
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
  const what = `${id.service} ${id.method} ${id.endpoint}`;
  const base = { connector: id.connector, service: id.service, method: id.method, endpoint: id.endpoint, attempts, ...(requestId && { requestId }) };
  if (outcome.kind === 'timeout') {
    return new ConnectorHttpError({ ...base, code: 'ETIMEDOUT', cause: redactor.scrubError(outcome.cause) }, messages.callTimedOut(what, outcome.timeoutMs, tries, id.host));
  }
  if (outcome.kind === 'network') {
    const text = messages.callUnreachable(what, id.host, outcome.code, tries, isPermanentNetworkError(outcome.code));
    return new ConnectorHttpError({ ...base, code: outcome.code, cause: redactor.scrubError(outcome.cause) }, text);
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
    messages.callRefused(what, label, detail, tries, res.status, error.code, retryAfterMs),
  );
}
