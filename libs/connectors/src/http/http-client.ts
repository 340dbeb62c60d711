import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sleep, type CircuitBreaker } from '@aiwire/core';
import type { AuthStrategy, OutgoingAuth } from '../auth/auth-strategy.interface.js';
import type { ProviderDialect } from '../dialects/provider-dialect.interface.js';
import type { IdempotencyOptions } from '../interfaces/resilience-options.interface.js';
import type { ConnectorRequest, ConnectorResponse } from '../interfaces/request-options.interface.js';
import { countsAgainstProvider, networkCode, type AttemptOutcome } from './attempt-outcome.js';
import { CallDiagnostics } from './call-diagnostics.js';
import type { ConnectorRateLimiter } from './connector-rate-limiter.js';
import { scrubProviderError, toHttpError, type CallIdentity } from './http-error.factory.js';
import { toResponse } from './response.factory.js';
import type { Redactor } from './redactor.js';
import { decodeBody, encodeBody } from './request-body.js';
import { resolvePath, toSearchParams } from './request-url.js';
import { decideRetry, type ResolvedRetryOptions } from './retry-policy.js';
import { AttemptTimeoutError, type Transport } from './transport.js';

/** Everything one connector's calls go through. */
export interface HttpClientConfig {
  readonly connector: string;
  readonly dialect: ProviderDialect;
  readonly baseUrl: URL;
  readonly auth: AuthStrategy;
  readonly transport: Transport;
  readonly redactor: Redactor;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly retry: ResolvedRetryOptions;
  readonly limiter: ConnectorRateLimiter | undefined;
  readonly breaker: CircuitBreaker | undefined;
  /** `header` in lower case. */
  readonly idempotency: Required<IdempotencyOptions> | undefined;
}

/** A call ready to send: everything that stays the same across its attempts. */
interface PreparedCall {
  readonly id: CallIdentity;
  readonly url: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Safe to send again after a failure that may have been processed (timeout, lost connection, 5xx). */
  readonly resendable: boolean;
}

/** Carries a counted failure through the circuit breaker, which only sees thrown errors. */
class ProviderFailure extends Error {
  constructor(readonly outcome: AttemptOutcome) {
    super('provider failure');
  }
}

/** The circuit breaker's `isFailure`: only failures of the provider count (no answer, 5xx), never a caller's abort. */
export const isProviderFailure = (error: unknown): boolean => error instanceof ProviderFailure;

/**
 * The pipeline of a connector call: auth → shared rate limit → circuit breaker → request with a
 * per-attempt timeout → classify → 401: refresh once; 429/5xx/network: backoff honouring the
 * provider's wait → diagnostics events. Errors are `ConnectorHttpError`s free of credentials.
 */
export class HttpClient {
  constructor(private readonly config: HttpClientConfig) {}

  async send<T>(req: ConnectorRequest<T>): Promise<ConnectorResponse<T>> {
    const call = this.prepare(req);
    const events = CallDiagnostics.start(() => ({
      connector: this.config.connector, service: this.config.dialect.service, method: req.method, template: call.id.endpoint,
      url: call.url, query: call.query, sensitive: new Set(this.config.auth.sensitiveQuery), operation: req.operation,
    }));
    const started = performance.now();
    let attempts = 0;
    let last: AttemptOutcome | undefined;
    try {
      let retries = 0;
      let refreshed = false;
      for (;;) {
        const sent = await this.authorize(call, req.signal);
        const waited = this.config.limiter ? await this.config.limiter.acquire(req.signal) : 0;
        attempts++;
        const attemptStart = performance.now();
        last = await this.attempt(call, sent, req.signal);
        const duration = performance.now() - attemptStart;
        const requestId = last.kind === 'success' || last.kind === 'response' ? this.config.dialect.requestId(last.res) : undefined;
        if (last.kind === 'success') {
          events?.attempt(last, attempts, duration, waited, requestId);
          const response = toResponse(call.id, last.res, attempts, requestId, req.validate, this.config.redactor);
          events?.finish(last, attempts, performance.now() - started);
          return response;
        }
        if (last.kind === 'response' && !refreshed && this.config.dialect.isUnauthorized(last.res, last.error)) {
          refreshed = true;
          if (await this.config.auth.refresh(last.sent, req.signal)) {
            events?.attempt(last, attempts, duration, waited, requestId, { reason: 'unauthorized', delayMs: 0 });
            continue;
          }
        }
        const decision = decideRetry(last, retries, call.resendable, { ...this.config.retry, maxRetries: call.maxRetries }, this.config.dialect);
        events?.attempt(last, attempts, duration, waited, requestId, decision.retry ? { reason: decision.reason, delayMs: decision.delayMs } : undefined);
        if (last.kind === 'response' && last.res.status === 429 && decision.retryAfterMs !== undefined) this.config.limiter?.pause(decision.retryAfterMs);
        if (!decision.retry) throw toHttpError(call.id, last, attempts, this.config.redactor, decision.retryAfterMs, requestId);
        retries++;
        await sleep(decision.delayMs, req.signal);
      }
    } catch (error) {
      events?.finish(last, attempts, performance.now() - started, error);
      throw error;
    }
  }

  private prepare<T>(req: ConnectorRequest<T>): PreparedCall {
    const { url, template } = resolvePath(this.config.connector, this.config.baseUrl, req.path, req.params);
    const encoded = encodeBody(req.body, req.form);
    const headers: Record<string, string> = { ...this.config.headers };
    if (encoded.contentType) headers['content-type'] = encoded.contentType;
    for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
    const idem = this.config.idempotency;
    const keyed = idem !== undefined && idem.methods.includes(req.method);
    if (keyed) headers[idem.header] ??= req.idempotencyKey ?? randomUUID();
    const retry = req.retry === false ? { maxRetries: 0 } : req.retry;
    const maxRetries = retry?.maxRetries ?? this.config.retry.maxRetries;
    // The caller's word first; else an idempotency key the API honours, or an idempotent method.
    const resendable = retry?.idempotent ?? (keyed || this.config.retry.methods.has(req.method));
    const id: CallIdentity = { connector: this.config.connector, service: this.config.dialect.service, method: req.method, endpoint: template, host: this.config.baseUrl.host };
    return { id, url, query: toSearchParams(req.query), headers, body: encoded.body, timeoutMs: req.timeoutMs ?? this.config.timeoutMs, maxRetries, resendable };
  }

  /** The headers and query of one attempt, with fresh credentials (a token may have been refreshed since the last one). */
  private async authorize(call: PreparedCall, signal: AbortSignal | undefined): Promise<OutgoingAuth> {
    const sent: OutgoingAuth = { headers: { ...call.headers }, query: new URLSearchParams(call.query) };
    await this.config.auth.apply(sent, signal);
    return sent;
  }

  /** One request through the breaker; never throws for HTTP or network failures. */
  private async attempt(call: PreparedCall, sent: OutgoingAuth, signal: AbortSignal | undefined): Promise<AttemptOutcome> {
    const exchange = (): Promise<AttemptOutcome> => this.exchange(call, sent, signal);
    const breaker = this.config.breaker;
    if (!breaker) return exchange();
    try {
      return await breaker.execute(async () => {
        const outcome = await exchange();
        if (countsAgainstProvider(outcome)) throw new ProviderFailure(outcome);
        return outcome;
      });
    } catch (error) {
      if (error instanceof ProviderFailure) return error.outcome;
      throw error;
    }
  }

  private async exchange(call: PreparedCall, sent: OutgoingAuth, signal: AbortSignal | undefined): Promise<AttemptOutcome> {
    const search = sent.query.toString();
    try {
      const raw = await this.config.transport.send({
        url: search ? `${call.url}?${search}` : call.url,
        method: call.id.method,
        headers: sent.headers,
        body: call.body,
        timeoutMs: call.timeoutMs,
        signal,
      });
      const res = { status: raw.status, headers: raw.headers, body: decodeBody(raw.body, raw.headers['content-type']) };
      this.config.limiter?.observe(this.config.dialect.rateLimitState(res, Date.now()));
      const error = this.config.dialect.error(res);
      // Codes and messages go into events and errors: no credential a provider echoes may ride along.
      return error ? { kind: 'response', res, error: scrubProviderError(error, this.config.redactor), sent } : { kind: 'success', res, sent };
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof AttemptTimeoutError) return { kind: 'timeout', timeoutMs: error.timeoutMs, cause: error, sent };
      return { kind: 'network', code: networkCode(error), cause: error, sent };
    }
  }
}
