import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertPublicUrl, type PublicUrl } from '@aiwire/core';

/**
 * POSTs `body` to `url` and resolves to the answer's status once its body is read. The address is
 * checked by the SSRF guard first (unless `allowPrivate`) and the request connects to the address
 * the guard resolved, not the name again, so DNS rebinding cannot move it inside. `signal` bounds
 * the whole exchange: check, connect, send, answer.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, options: { allowPrivate: boolean; signal: AbortSignal }): Promise<number> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  const target = await assertPublicUrl(url, { allowHosts: options.allowPrivate ? [host] : [] });
  options.signal.throwIfAborted();
  return new Promise<number>((resolve, reject) => {
    const pinned: LookupFunction = (_name, lookupOptions, callback) => {
      if ((lookupOptions as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const req = send(target, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'aiwire-monitoring-alerts/0.1' },
      lookup: pinned,
      signal: options.signal,
    }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function send(target: PublicUrl, options: Parameters<typeof httpRequest>[1], onResponse: (res: IncomingMessage) => void) {
  return (target.url.protocol === 'https:' ? httpsRequest : httpRequest)(target.url, options, onResponse);
}
