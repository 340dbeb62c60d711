import { Agent, request, type Dispatcher } from 'undici';
import { messages } from '../connectors.messages.js';
import type { HttpMethod } from '../interfaces/request-options.interface.js';

/** TLS settings of a connector's connections (client certificate for mTLS, extra CAs). */
export interface TransportTls {
  readonly cert?: string;
  readonly key?: string;
  readonly ca?: string;
  readonly passphrase?: string;
  readonly servername?: string;
}

/** One answer, fully read. */
export interface RawResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface TransportRequest {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/** The attempt ran out of time; `elapsedMs` is how long it waited. */
export class AttemptTimeoutError extends Error {
  override readonly name = 'AttemptTimeoutError';
  readonly code = 'ETIMEDOUT';

  constructor(readonly timeoutMs: number) {
    super(messages.attemptTimedOut(timeoutMs));
  }
}

/**
 * Sends requests over one pooled undici dispatcher per connector (keep-alive; the mTLS client
 * certificate lives in its connect options). The timeout covers the answer and the whole body.
 */
export class Transport {
  private dispatcher: Dispatcher | undefined;

  constructor(private readonly tls: () => Promise<TransportTls | undefined>) {}

  async send(req: TransportRequest): Promise<RawResponse> {
    const dispatcher = this.dispatcher ?? (await this.createDispatcher());
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    try {
      const res = await request(req.url, { method: req.method, headers: req.headers, body: req.body, signal, dispatcher });
      const body = Buffer.from(await res.body.arrayBuffer());
      return { status: res.statusCode, headers: flatten(res.headers), body };
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (timeout.aborted) throw new AttemptTimeoutError(req.timeoutMs);
      throw error;
    }
  }

  async close(): Promise<void> {
    const dispatcher = this.dispatcher;
    this.dispatcher = undefined;
    await dispatcher?.close();
  }

  private async createDispatcher(): Promise<Dispatcher> {
    const tls = await this.tls();
    // Two calls may race here on the very first request; keep the first dispatcher made.
    this.dispatcher ??= new Agent({ keepAliveTimeout: 4_000, ...(tls && { connect: { ...tls } }) });
    return this.dispatcher;
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
