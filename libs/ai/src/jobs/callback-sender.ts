import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertPublicUrl, type LookupFunction as GuardLookup } from '@aiwire/core';

export interface Delivery {
  status: number;
}

/**
 * POSTs a callback to a URL that passed the SSRF guard, connecting to the address the guard
 * resolved (not resolving the name again), so DNS rebinding cannot redirect it inside.
 */
export async function deliverCallback(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { allowHosts: readonly string[]; timeoutMs: number; lookup?: GuardLookup },
): Promise<Delivery> {
  const target = await assertPublicUrl(url, { allowHosts: options.allowHosts, ...(options.lookup && { lookup: options.lookup }) });
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'aiwire-ai-callback/0.1' },
    lookup: pinned,
    timeout: options.timeoutMs,
  };
  return new Promise<Delivery>((resolve, reject) => {
    const req = send(target.url, requestOptions, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
