import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertPublicUrl, type LookupFunction as GuardLookup, type PublicUrl } from '@aiwire/core';
import { messages } from '../ai.messages.js';
import { AiCallbackError } from '../errors/ai-callback.error.js';

export interface Delivery {
  status: number;
}

export interface DeliveryOptions {
  allowHosts: readonly string[];
  /** Deadline of the whole delivery: address check, connect, send, response headers and body. */
  timeoutMs: number;
  lookup?: GuardLookup;
}

/**
 * POSTs a callback to a URL that passed the SSRF guard, connecting to the address the guard
 * resolved (not resolving the name again), so DNS rebinding cannot redirect it inside.
 *
 * One timer bounds the whole delivery. A socket-idle timeout does not: a receiver that drips a
 * byte of its answer now and then would hold the worker (and its slot) for as long as it likes.
 */
export function deliverCallback(url: string, body: string, headers: Record<string, string>, options: DeliveryOptions): Promise<Delivery> {
  return new Promise<Delivery>((resolve, reject) => {
    let req: ClientRequest | undefined;
    let res: IncomingMessage | undefined;
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      const error = new AiCallbackError(messages.callbackTimedOut(options.timeoutMs));
      // Tearing the socket down frees it too (a keep-alive agent would otherwise keep it).
      res?.destroy(error);
      req?.destroy(error);
      reject(error);
    }, options.timeoutMs);
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      reject(error);
    };
    assertPublicUrl(url, { allowHosts: options.allowHosts, ...(options.lookup && { lookup: options.lookup }) }).then((target) => {
      if (expired) return;
      req = send(target, body, headers, (response) => {
        res = response;
        response.resume();
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0 });
        });
        response.on('error', fail);
      });
      req.on('error', fail);
      req.end(body);
    }, fail);
  });
}

function send(target: PublicUrl, body: string, headers: Record<string, string>, onResponse: (res: IncomingMessage) => void): ClientRequest {
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'aiwire-ai-callback/0.1' },
    lookup: pinned,
  };
  return (target.url.protocol === 'https:' ? httpsRequest : httpRequest)(target.url, requestOptions, onResponse);
}
