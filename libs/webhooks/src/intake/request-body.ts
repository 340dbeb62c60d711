import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** How much of an oversized body (times the limit) is read and dropped so its sender gets the 413. */
const DRAIN_FACTOR = 8;

/** A body read within its limit, one that was over it, or nothing (the client went away). */
export type BodyRead = { readonly kind: 'body'; readonly body: Buffer } | { readonly kind: 'too-large'; readonly drained: boolean } | { readonly kind: 'aborted' };

/** Where a delivery's body is: bytes the framework read, or the request still to read from. */
export interface DeliveryBody {
  readonly rawBody?: Buffer | undefined;
  readonly request?: IncomingMessage | undefined;
  /** The framework took the body (parsed it, or owns the stream): without `rawBody` it is missing. */
  readonly bodyTaken?: boolean | undefined;
}

/**
 * The intake's one body reader: the framework's bytes, checked against `limit`, or the request's
 * body read here within it. `missing`: neither (the framework parsed the body without keeping its
 * bytes). Every "too large" verdict of the intake comes from here or from `declaredTooLarge`.
 */
export function readDeliveryBody(delivery: DeliveryBody, limit: number): BodyRead | { readonly kind: 'missing' } | Promise<BodyRead> {
  const { rawBody, request } = delivery;
  if (rawBody) return rawBody.length > limit ? { kind: 'too-large', drained: true } : { kind: 'body', body: rawBody };
  if (delivery.bodyTaken || !request || !request.readable || request.readableEnded) return { kind: 'missing' };
  return readBody(request, limit, limit * DRAIN_FACTOR);
}

/** Whether the request declares (`Content-Length`) a body longer than `limit`. */
export function declaredTooLarge(headers: IncomingHttpHeaders, limit: number): boolean {
  return Number(headers['content-length']) > limit;
}

/** Whether answering now leaves nothing of the request to read: it has no body, or all of it arrived. */
export function bodyReceived(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) return true;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

/**
 * Reads a request body of at most `limit` bytes. An oversized body is still read to its end and
 * dropped (up to `drainLimit` bytes), so the sender gets its 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number, drainLimit: number): Promise<BodyRead> {
  if (declaredTooLarge(req.headers, drainLimit)) return Promise.resolve({ kind: 'too-large', drained: false });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = declaredTooLarge(req.headers, limit) ? limit + 1 : 0;
    const finish = (result: BodyRead): void => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('aborted', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > drainLimit) finish({ kind: 'too-large', drained: false });
    };
    const onEnd = (): void => finish(size > limit ? { kind: 'too-large', drained: true } : { kind: 'body', body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    const onAbort = (): void => finish({ kind: 'aborted' });
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('aborted', onAbort);
  });
}
