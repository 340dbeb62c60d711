import type { IncomingMessage } from 'node:http';

/** How much of an oversized body (times the limit) is read and dropped so its sender gets the 413. */
export const DRAIN_FACTOR = 8;

/** A body read within its limit, one that was over it, or nothing (the client went away). */
export type BodyRead = { readonly kind: 'body'; readonly body: Buffer } | { readonly kind: 'too-large'; readonly drained: boolean } | { readonly kind: 'aborted' };

/**
 * Reads a request body of at most `limit` bytes. An oversized body is still read to its end and
 * dropped (up to `drainLimit` bytes), so the sender gets its 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number, drainLimit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (declared > drainLimit) return Promise.resolve({ kind: 'too-large', drained: false });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = declared > limit ? limit + 1 : 0;
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
