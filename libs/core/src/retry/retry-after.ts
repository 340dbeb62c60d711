/**
 * One header value as Node's `IncomingHttpHeaders` or a hand-made record holds it.
 * @publicApi
 */
export type HeaderValue = string | readonly string[] | undefined;

/**
 * A WHATWG `Headers` (fetch, undici) or a plain record keyed by lower-case header names.
 * @publicApi
 */
export type HeadersLike = Headers | Readonly<Record<string, HeaderValue>>;

const DECIMAL = /^\d+(?:\.\d+)?$/;
// IMF-fixdate, RFC 850 and asctime (RFC 9110 §5.6.7) all start with a day name; requiring it keeps
// Date.parse from reading junk such as "1" as a year.
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/i;
// asctime carries no zone; HTTP says it is GMT, Date.parse would take it as local time.
const ASCTIME = /^[a-z]{3} [a-z]{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/i;

/**
 * The first value of header `name` (lower case), trimmed, or undefined when absent.
 * @publicApi
 */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (isHeaders(headers)) return headers.get(name)?.trim();
  const value = headers[name];
  const first = typeof value === 'string' ? value : value?.[0];
  return first?.trim();
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms` (milliseconds, may be
 * fractional) first, then `retry-after` (delta-seconds, possibly fractional, or an HTTP-date
 * measured against `nowMs`). Never negative; undefined when absent or unreadable.
 * @publicApi
 */
export function retryAfterMs(headers: HeadersLike, nowMs: number = Date.now()): number | undefined {
  const ms = readHeader(headers, 'retry-after-ms');
  if (ms !== undefined && DECIMAL.test(ms)) return Number(ms);

  const value = readHeader(headers, 'retry-after');
  if (value === undefined) return undefined;
  if (DECIMAL.test(value)) return Math.round(Number(value) * 1000);
  if (!HTTP_DATE.test(value)) return undefined;
  const at = Date.parse(ASCTIME.test(value) ? `${value} GMT` : value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Clamp a delay into [0, maxMs]; NaN becomes maxMs, so a bad value never means "retry now".
 * @publicApi
 */
export function capDelay(ms: number, maxMs: number): number {
  if (Number.isNaN(ms)) return maxMs;
  return Math.min(Math.max(0, ms), maxMs);
}

function isHeaders(headers: HeadersLike): headers is Headers {
  return typeof (headers as Headers).get === 'function';
}
