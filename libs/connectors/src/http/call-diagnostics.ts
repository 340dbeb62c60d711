import { attemptChannel, callChannel, type HttpAttributes } from '../connectors.channels.js';
import type { AttemptOutcome } from './attempt-outcome.js';
import { redactedUrl } from './request-url.js';

/** What a call's events say about it, fixed for all its attempts. */
export interface CallDescription {
  readonly connector: string;
  readonly service: string;
  readonly method: string;
  readonly template: string;
  /** The URL without its query. */
  readonly url: string;
  /** The call's own query (credentials are added per attempt). */
  readonly query: URLSearchParams;
  /** Query parameters whose values are credentials. */
  readonly sensitive: ReadonlySet<string>;
  readonly operation: string | undefined;
}

/** `error.type` as OpenTelemetry defines it: the status code for HTTP errors, else a low-cardinality identifier. */
export function errorType(outcome: AttemptOutcome): string | undefined {
  switch (outcome.kind) {
    case 'success':
      return undefined;
    case 'timeout':
      return 'timeout';
    case 'network':
      return outcome.code;
    case 'response':
      return outcome.res.status >= 400 ? String(outcome.res.status) : (outcome.error.code ?? 'provider_error');
  }
}

/**
 * Publishes one call's events on `aiwire:http:attempt` and `aiwire:http:call`, with OpenTelemetry
 * HTTP attribute names. Created only when someone listens, so an unobserved call pays nothing.
 */
export class CallDiagnostics {
  private readonly base: Omit<HttpAttributes, 'url.full'>;

  private constructor(private readonly call: CallDescription) {
    const url = new URL(call.url);
    this.base = {
      'http.request.method': call.method,
      'url.template': call.template,
      'url.scheme': url.protocol.slice(0, -1),
      'server.address': url.hostname,
      'server.port': url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
      'aiwire.connector.name': call.connector,
      'aiwire.connector.service': call.service,
      ...(call.operation && { 'aiwire.operation': call.operation }),
    };
  }

  static start(describe: () => CallDescription): CallDiagnostics | undefined {
    return attemptChannel.hasSubscribers || callChannel.hasSubscribers ? new CallDiagnostics(describe()) : undefined;
  }

  attempt(outcome: AttemptOutcome, attempt: number, durationMs: number, rateLimitWaitMs: number, requestId: string | undefined, retry?: { reason: string; delayMs: number }): void {
    if (!attemptChannel.hasSubscribers) return;
    const providerCode = outcome.kind === 'response' ? outcome.error.code : undefined;
    attemptChannel.publish({
      attributes: this.attributes(outcome, attempt),
      attempt,
      durationMs,
      rateLimitWaitMs,
      ...(providerCode && { providerCode }),
      ...(requestId && { requestId }),
      ...(retry && { retry }),
    });
  }

  finish(last: AttemptOutcome | undefined, attempts: number, durationMs: number, error?: unknown): void {
    if (!callChannel.hasSubscribers) return;
    const code = (error as { code?: unknown } | undefined)?.code;
    const failure = error === undefined ? undefined : { name: (error as Error).name ?? 'Error', ...(typeof code === 'string' && { code }) };
    const attributes = this.attributes(last, attempts);
    callChannel.publish({
      // A call that failed before or after any answer (circuit open, auth, validation) is typed by its error.
      attributes: failure && attributes['error.type'] === undefined ? { ...attributes, 'error.type': failure.name } : attributes,
      attempts,
      durationMs,
      outcome: error === undefined ? 'success' : 'error',
      ...(failure && { error: failure }),
    });
  }

  private attributes(outcome: AttemptOutcome | undefined, attempt: number): HttpAttributes {
    const status = outcome && (outcome.kind === 'success' || outcome.kind === 'response') ? outcome.res.status : undefined;
    const type = outcome ? errorType(outcome) : undefined;
    return {
      ...this.base,
      'url.full': redactedUrl(this.call.url, outcome?.sent.query ?? this.call.query, this.call.sensitive),
      ...(status !== undefined && { 'http.response.status_code': status }),
      ...(attempt > 1 && { 'http.request.resend_count': attempt - 1 }),
      ...(type !== undefined && { 'error.type': type }),
    };
  }
}
