import { capDelay, computeBackoff, retryAfterMs, sleep } from '@aiwire/core';
import type { Redactor } from '../http/redactor.js';
import { decodeBody } from '../http/request-body.js';
import type { RawResponse, Transport } from '../http/transport.js';

/** What the token endpoint issued (RFC 6749 §5.1). */
export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: string;
  readonly expiresInSeconds: number | undefined;
  readonly refreshToken: string | undefined;
  readonly scope: string | undefined;
}

/**
 * The token endpoint refused or could not be reached; `code` is its RFC 6749 §5.2 `error` when it
 * sent one. Built free of credentials: an endpoint may echo the client secret or refresh token.
 */
export class TokenEndpointError extends Error {
  constructor(
    readonly code: string,
    readonly status: number | undefined,
    readonly description: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${code}${status === undefined ? '' : ` (HTTP ${status})`}${description ? `: ${description}` : ''}`, options);
  }
}

/** Token requests are retried this often on network errors, 429 and 5xx; refusals (4xx) never. */
const TOKEN_RETRIES = 2;

/** POSTs the form to the token endpoint and reads RFC 6749's answer; every text of a failure passes `redactor`. */
export async function requestToken(
  transport: Transport,
  url: string,
  form: URLSearchParams,
  headers: Record<string, string>,
  timeoutMs: number,
  redactor: Redactor,
  signal?: AbortSignal,
): Promise<IssuedToken> {
  const request = { url, method: 'POST' as const, body: form.toString(), timeoutMs, signal, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } };
  for (let attempt = 1; ; attempt++) {
    let res: RawResponse;
    try {
      res = await transport.send(request);
    } catch (error) {
      if (signal?.aborted || attempt > TOKEN_RETRIES) {
        const reason = redactor.scrub((error as { code?: string }).code ?? (error as Error).message);
        throw new TokenEndpointError('token_endpoint_unreachable', undefined, reason, { cause: redactor.scrubError(error) });
      }
      await sleep(computeBackoff(attempt, { baseMs: 250, maxMs: 2_000, jitter: 'equal' }), signal);
      continue;
    }
    if ((res.status === 429 || res.status >= 500) && attempt <= TOKEN_RETRIES) {
      await sleep(capDelay(retryAfterMs(res.headers) ?? computeBackoff(attempt, { baseMs: 250, maxMs: 2_000, jitter: 'equal' }), 5_000), signal);
      continue;
    }
    return readToken(res, redactor);
  }
}

function readToken(res: RawResponse, redactor: Redactor): IssuedToken {
  const body = decodeBody(res.body, res.headers['content-type']);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (name: string): string | undefined => (typeof fields[name] === 'string' && fields[name] !== '' ? (fields[name] as string) : undefined);
  if (res.status >= 400) {
    // Scrubbed before cutting, so a credential at the cut cannot survive in part.
    const description = text('error_description');
    throw new TokenEndpointError(redactor.scrub(text('error') ?? `http_${res.status}`).slice(0, 100), res.status, description && redactor.scrub(description).slice(0, 300));
  }
  const accessToken = text('access_token');
  if (!accessToken) throw new TokenEndpointError('invalid_token_response', res.status, 'the answer has no access_token');
  const expiresIn = Number(fields.expires_in);
  return {
    accessToken,
    tokenType: text('token_type') ?? 'Bearer',
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined,
    refreshToken: text('refresh_token'),
    scope: text('scope'),
  };
}
