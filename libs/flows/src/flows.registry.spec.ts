import { FlowRegistry } from './flows.registry.js';
import { FlowConfigurationError } from './errors/flow-configuration.error.js';
import type { RegisteredFlow } from './interfaces/registered-flow.interface.js';
import type { FlowOptions } from './interfaces/flow-options.interface.js';

const flow = (name: string, options: FlowOptions = {}, target = 'Flows.run'): RegisteredFlow => ({ name, options, target, run: async () => undefined });

describe('FlowRegistry', () => {
  it('registers flows by name', () => {
    const registry = new FlowRegistry();
    registry.add(flow('a'));
    registry.add(flow('b'));
    expect(registry.names()).toEqual(['a', 'b']);
    expect(registry.get('a')?.target).toBe('Flows.run');
    expect(registry.get('c')).toBeUndefined();
  });

  it.each([
    [{ attempts: 0 }, "@Flow('f') option attempts is 0; it must be a whole number >= 1."],
    [{ backoff: { delayMs: -5 } }, "@Flow('f') option backoff.delayMs is -5; it must be a whole number >= 0."],
    [{ concurrency: { key: () => 'k', limit: 0.5 } }, "@Flow('f') option concurrency.limit is 0.5; it must be a whole number >= 1."],
    [{ concurrency: { key: 'customerId' } }, "@Flow('f') option concurrency.key is \"customerId\"; it must be a function of the input."],
    [{ cancelOn: [{ event: '' }] }, "@Flow('f') option cancelOn.event is \"\"; it must be a non-empty event name."],
  ])('refuses %j', (options, message) => {
    expect(() => new FlowRegistry().add(flow('f', options as FlowOptions))).toThrow(new FlowConfigurationError(message));
  });

  it('refuses a second flow of the same name', () => {
    const registry = new FlowRegistry();
    registry.add(flow('same', {}, 'A.run'));
    expect(() => registry.add(flow('same', {}, 'B.run'))).toThrow(
      new FlowConfigurationError('Flow name "same" is declared twice, on A.run and on B.run: flow names are unique in an app; rename one.'),
    );
  });
});
