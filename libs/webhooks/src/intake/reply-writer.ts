import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IntakeReply } from './intake-replies.js';

/**
 * Writes an intake answer on the raw response. `keepAlive: false` when the body was left unread:
 * the connection is closed once the answer is out, so the rest is never read (Node would
 * otherwise read and drop all of it to reuse the connection).
 */
export function writeReply(res: ServerResponse, reply: IntakeReply, keepAlive: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(reply.body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...reply.headers };
  if (!keepAlive) headers['connection'] = 'close';
  res.writeHead(reply.status, headers).end(body);
  if (!keepAlive) res.once('finish', () => res.socket?.destroySoon());
}

/** Whether answering now leaves nothing of the request to read: it has no body, or all of it arrived. */
export function bodyReceived(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) return true;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}
