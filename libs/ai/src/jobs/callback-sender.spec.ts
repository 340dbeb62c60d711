import { SsrfBlockedError } from '@aiwire/core';
import { startReceiver } from '../../test/callback-receiver.js';
import { deliverCallback } from './callback-sender.js';

describe('deliverCallback', () => {
  it('refuses loopback unless allowlisted, and posts when it is', async () => {
    const receiver = await startReceiver([204]);
    try {
      await expect(deliverCallback(receiver.url, '{}', {}, { allowHosts: [], timeoutMs: 1000 })).rejects.toBeInstanceOf(SsrfBlockedError);
      expect(receiver.received).toHaveLength(0);
      expect(await deliverCallback(receiver.url, '{"a":1}', { 'content-type': 'application/json' }, { allowHosts: ['127.0.0.1'], timeoutMs: 1000 })).toEqual({ status: 204 });
      expect(receiver.received[0]?.body).toBe('{"a":1}');
    } finally {
      await receiver.close();
    }
  });

  it('connects to the address the guard resolved, never resolving the name again', async () => {
    const receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    const lookups: string[] = [];
    try {
      // `callback.invalid` exists for no resolver but ours: the request can only land if the pinned address is used.
      const lookup = async (host: string) => {
        lookups.push(host);
        return [{ address: '127.0.0.1', family: 4 }];
      };
      const delivery = await deliverCallback(`http://callback.invalid:${port}/done`, 'x', {}, { allowHosts: ['callback.invalid'], timeoutMs: 1000, lookup });
      expect(delivery.status).toBe(200);
      expect(lookups).toEqual(['callback.invalid']);
      expect(receiver.received[0]?.headers.host).toBe(`callback.invalid:${port}`);
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    try {
      await expect(deliverCallback(`http://127.0.0.1:${port}/`, 'x', {}, { allowHosts: ['127.0.0.1'], timeoutMs: 200 })).rejects.toThrow('no answer within 200 ms');
    } finally {
      silent.close();
    }
  });
});
