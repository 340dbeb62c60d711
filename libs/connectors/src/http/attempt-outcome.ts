import type { OutgoingAuth } from '../auth/auth-strategy.interface.js';
import type { ParsedResponse, ProviderError } from '../dialects/provider-dialect.interface.js';

/** How one request ended. */
export type AttemptOutcome =
  | { readonly kind: 'success'; readonly res: ParsedResponse; readonly sent: OutgoingAuth }
  | { readonly kind: 'response'; readonly res: ParsedResponse; readonly error: ProviderError; readonly sent: OutgoingAuth }
  | { readonly kind: 'timeout'; readonly timeoutMs: number; readonly cause: unknown; readonly sent: OutgoingAuth }
  | { readonly kind: 'network'; readonly code: string; readonly cause: unknown; readonly sent: OutgoingAuth };

/** Connection never made: the request surely did not reach the server, so any method may be retried. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Retrying cannot help: the name does not exist or the TLS peer was refused. */
const PERMANENT = /^(ENOTFOUND|ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_INVALID_URL)/;

export const isNotConnected = (code: string): boolean => NOT_CONNECTED.has(code);
export const isPermanentNetworkError = (code: string): boolean => PERMANENT.test(code);

/** The most specific code on a network error (undici wraps the socket's own error in `cause`). */
export function networkCode(error: unknown): string {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  // UND_ERR_SOCKET names the symptom ("other side closed"); a code below it names the cause.
  return codes.find((c) => c !== 'UND_ERR_SOCKET') ?? codes[0] ?? 'network_error';
}

/** Whether the circuit breaker counts this outcome against the provider (no answer, or a 5xx). */
export function countsAgainstProvider(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'timeout' || outcome.kind === 'network') return true;
  return outcome.kind === 'response' && outcome.res.status >= 500;
}
