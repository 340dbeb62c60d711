import { randomUUID } from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import { createChannel } from './channel.js';

interface RequestEvent {
  service: string;
  status: number;
}

describe('createChannel', () => {
  const name = () => `aiwire:test:${randomUUID()}`;

  it('delivers typed messages with the channel name to subscribers until they unsubscribe', () => {
    const channel = createChannel<RequestEvent>(name());
    const seen: [RequestEvent, string][] = [];
    const listener = (message: RequestEvent, channelName: string) => seen.push([message, channelName]);
    expect(channel.hasSubscribers).toBe(false);
    channel.subscribe(listener);
    channel.subscribe(listener); // idempotent
    expect(channel.hasSubscribers).toBe(true);
    channel.publish({ service: 'slack', status: 200 });
    expect(seen).toEqual([[{ service: 'slack', status: 200 }, channel.name]]);
    expect(channel.unsubscribe(listener)).toBe(true);
    expect(channel.unsubscribe(listener)).toBe(false);
    expect(channel.hasSubscribers).toBe(false);
    channel.publish({ service: 'slack', status: 500 });
    expect(seen).toHaveLength(1);
  });

  it('publishes on the node:diagnostics_channel of that name (monitoring can subscribe directly)', () => {
    const channel = createChannel<RequestEvent>(name());
    const seen: unknown[] = [];
    const raw = (message: unknown) => seen.push(message);
    diagnosticsChannel.subscribe(channel.name, raw);
    expect(channel.hasSubscribers).toBe(true);
    channel.publish({ service: 'stripe', status: 429 });
    diagnosticsChannel.unsubscribe(channel.name, raw);
    expect(seen).toEqual([{ service: 'stripe', status: 429 }]);
  });

  it('returns the same channel for the same name', () => {
    const n = name();
    const a = createChannel<RequestEvent>(n);
    const listener = () => undefined;
    a.subscribe(listener);
    expect(createChannel<RequestEvent>(n)).toBe(a);
    expect(createChannel<RequestEvent>(n).unsubscribe(listener)).toBe(true);
  });

  it('a throwing subscriber never reaches the publisher nor the others, and warns once', async () => {
    const channel = createChannel<RequestEvent>(name());
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const seen: number[] = [];
    const broken = () => {
      throw new Error('subscriber bug');
    };
    channel.subscribe(broken);
    channel.subscribe((m) => seen.push(m.status));
    expect(() => {
      channel.publish({ service: 'a', status: 1 });
      channel.publish({ service: 'a', status: 2 });
    }).not.toThrow();
    // Node would rethrow an unwrapped listener's error on the next tick; give it the chance.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    channel.unsubscribe(broken);
    expect(seen).toEqual([1, 2]);
    const ours = warnings.filter((w) => w.message.includes(channel.name));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.message).toContain('subscriber bug');
  });
});
