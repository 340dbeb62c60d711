import { createChannel } from '@aiwire/core';
import type { HttpCircuitMessage } from '@aiwire/connectors';
import { CircuitStates } from './circuit-states.js';

// The channel @aiwire/connectors publishes on, by its name.
const channel = createChannel<HttpCircuitMessage>('aiwire:http:circuit');

describe('CircuitStates', () => {
  it('keeps the last state of each breaker from construction until shutdown', () => {
    channel.publish({ connector: 'before', from: 'closed', to: 'open' });
    const states = new CircuitStates();
    expect(states.all().size).toBe(0);
    channel.publish({ connector: 'stripe', from: 'closed', to: 'open' });
    channel.publish({ connector: 'slack', from: 'closed', to: 'open' });
    channel.publish({ connector: 'slack', from: 'open', to: 'half-open' });
    channel.publish({ connector: 'crm', from: 'closed', to: 'open' });
    channel.publish({ connector: 'crm', from: 'open', to: 'half-open' });
    channel.publish({ connector: 'crm', from: 'half-open', to: 'closed' });
    expect([...states.all()]).toEqual([['stripe', 'open'], ['slack', 'half-open'], ['crm', 'closed']]);
    expect(states.open()).toEqual(['stripe']);
    states.onApplicationShutdown();
    channel.publish({ connector: 'stripe', from: 'open', to: 'half-open' });
    expect(states.all().get('stripe')).toBe('open');
    expect(channel.hasSubscribers).toBe(false);
  });
});
