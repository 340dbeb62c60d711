import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER } from './logs.constants.js';

/** An id a caller may choose: a UUID, a ULID, a trace id, `req-42`; never spaces, quotes or control characters. */
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,127}$/;
/** Where the id of a request is kept on the Node request, so pino-http and the interceptor agree on it. */
const REQUEST_CORRELATION = Symbol.for('aiwire.monitoring.requestCorrelation');

type RequestLike = { headers: IncomingHttpHeaders; raw?: { headers: IncomingHttpHeaders } };
type Holder = { [REQUEST_CORRELATION]?: string };

/**
 * The correlation id of an HTTP request: the caller's `x-request-id` (else `x-correlation-id`)
 * when it is a sane value, else a new UUID; the same for every reader of one request (Express's
 * request, Fastify's `request.raw`, the Node request pino-http sees).
 */
export function requestCorrelationId(request: RequestLike): string {
  const holder = (request.raw ?? request) as RequestLike & Holder;
  return (holder[REQUEST_CORRELATION] ??= saneId(holder.headers[REQUEST_ID_HEADER]) ?? saneId(holder.headers[CORRELATION_ID_HEADER]) ?? randomUUID());
}

/** `value` when it is one sane id; undefined for a list, an empty or a hostile value. */
export function saneId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && SANE_ID.test(value) ? value : undefined;
}
