import { CliRefusedError } from '../errors.js';
import type { SignedDelivery } from './delivery.js';
import { NETWORK_REASONS, sendMessages } from './send.messages.js';

/** The receiver's answer to one delivery. */
export interface Answer {
  readonly status: number;
  readonly statusText: string;
  /** The body parsed as JSON when it is JSON, else its text. */
  readonly body: unknown;
  readonly ms: number;
}

/** POSTs `delivery` to `url` once (no redirects, no retries); an unreachable URL is a `CliRefusedError` of one line. */
export async function postDelivery(url: string, delivery: SignedDelivery, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.raw,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, body: parseBody(text), ms: Math.round(performance.now() - started) };
  } catch (error) {
    throw new CliRefusedError(sendMessages.unreachable(url, networkReason(error, timeoutMs)));
  }
}

function parseBody(text: string): unknown {
  if (text.length === 0) return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Why fetch failed, in a few words: undici hides the system error in `cause`. */
function networkReason(error: unknown, timeoutMs: number): string {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause !== undefined && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && Object.hasOwn(NETWORK_REASONS, code)) return NETWORK_REASONS[code]!;
    cause = (cause as { cause?: unknown }).cause;
  }
  const inner = (error as { cause?: { message?: unknown } }).cause?.message;
  return typeof inner === 'string' ? inner : (error as Error).message;
}
