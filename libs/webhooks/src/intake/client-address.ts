import type { IncomingMessage } from 'node:http';

/**
 * The caller's address as Express computes `req.ip` for the same `trust proxy` setting: the
 * socket's peer, or with `trustProxy: n` the address n hops back along `X-Forwarded-For`
 * (`true`: the first one listed).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean | number): string | undefined {
  const peer = req.socket.remoteAddress;
  if (trustProxy === false || trustProxy === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  if (!header) return peer;
  const forwarded = (Array.isArray(header) ? header.join(',') : header).split(',').map((a) => a.trim()).filter((a) => a.length > 0);
  // Nearest first: the peer, then the proxies' entries from the right.
  const chain = [peer, ...forwarded.reverse()];
  const hops = trustProxy === true ? chain.length - 1 : Math.min(trustProxy, chain.length - 1);
  return chain[hops];
}
