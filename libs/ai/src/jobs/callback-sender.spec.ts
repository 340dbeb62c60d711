import { SsrfBlockedError } from '@aiwire/core';
import { startDrippingReceiver, startReceiver, type DripMode } from '../../test/callback-receiver.js';
import { waitFor } from '../../../../test/support/wait.js';
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
      await expect(deliverCallback(`http://127.0.0.1:${port}/`, 'x', {}, { allowHosts: ['127.0.0.1'], timeoutMs: 200 })).rejects.toThrow('no complete answer within 200 ms');
    } finally {
      silent.close();
    }
  });

  // A body a slow reader cannot take in before the deadline (it reads ~20 KiB/s); larger bodies
  // only add synchronous copying into the kernel's buffers, which no timer can interrupt.
  const BIG = 'x'.repeat(8 << 20);
  const TIMEOUT_MS = 400;
  // Timers, socket teardown and a loaded 2-core CI box: the failure lands within the deadline plus this.
  const SLACK_MS = 300;

  it.each<DripMode>(['response-headers', 'response-body', 'request-body'])('ends a delivery to a receiver that drips (%s) at the overall deadline, and closes the connection', async (mode) => {
    const receiver = await startDrippingReceiver(mode, 50);
    try {
      const started = Date.now();
      const delivery = deliverCallback(receiver.url, mode === 'request-body' ? BIG : '{"a":1}', {}, { allowHosts: ['127.0.0.1'], timeoutMs: TIMEOUT_MS });
      await expect(delivery).rejects.toThrow(`no complete answer within ${TIMEOUT_MS} ms`);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(receiver.connections).toHaveLength(1);
      // The sender let go of its socket: once the receiver stops dripping and reads what is queued
      // (megabytes, for the slow reader), it finds the connection closed by the sender.
      receiver.release();
      await waitFor(() => receiver.connections[0]?.closedAt, 1000, 'the connection closed by the sender');
    } finally {
      await receiver.close();
    }
  });

  it('counts resolving and checking the address against the same deadline', async () => {
    const lookup = (): Promise<never> => new Promise<never>(() => undefined); // a resolver that never answers
    const started = Date.now();
    await expect(deliverCallback('http://callback.invalid/done', 'x', {}, { allowHosts: ['callback.invalid'], timeoutMs: TIMEOUT_MS, lookup })).rejects.toThrow(`no complete answer within ${TIMEOUT_MS} ms`);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });
});

