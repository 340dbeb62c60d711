import { AiNetworkError } from '../errors/ai-network.error.js';
import { AiTimeoutError } from '../errors/ai-timeout.error.js';
import type { ProviderServer } from './ai-provider.interface.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * POSTs JSON with our one timeout and turns transport failures into typed errors: the attempt
 * timeout → AiTimeoutError, the caller's abort → its reason, anything else → AiNetworkError.
 * The body is read under the same signal, so a connection that hangs mid-body also times out.
 */
export async function postJson(provider: string, url: string, headers: Record<string, string>, body: unknown, signal: AbortSignal, timeoutMs: number): Promise<HttpAnswer> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body), signal });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: parse(text) };
  } catch (error) {
    if (signal.aborted) {
      const reason: unknown = signal.reason;
      if (reason instanceof DOMException && reason.name === 'TimeoutError') throw new AiTimeoutError(provider, 'attempt', timeoutMs);
      throw reason;
    }
    throw new AiNetworkError(provider, describe(error), { cause: error });
  }
}

/** Host (without IPv6 brackets) and port of an API URL, the scheme's default port when it names none. */
export function serverOf(url: string): ProviderServer {
  const { hostname, port, protocol } = new URL(url);
  return { address: hostname.replace(/^\[(.*)\]$/, '$1'), port: port ? Number(port) : protocol === 'https:' ? 443 : 80 };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
