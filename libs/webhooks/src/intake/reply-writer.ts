import type { ServerResponse } from 'node:http';
import type { IntakeReply } from './intake-replies.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Writes an intake answer on the raw response. A reply with `closeConnection` (its body was left
 * unread) closes the connection once the answer is out, so the rest is never read (Node would
 * otherwise read and drop all of it to reuse the connection).
 */
export function writeReply(res: ServerResponse, reply: IntakeReply): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(reply.body);
  const headers: Record<string, string | number> = { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) };
  if (reply.headers) for (const name in reply.headers) headers[name] = reply.headers[name]!;
  if (reply.closeConnection) headers['connection'] = 'close';
  res.writeHead(reply.status, headers).end(body);
  if (reply.closeConnection) res.once('finish', () => res.socket?.destroySoon());
}
