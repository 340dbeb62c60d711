import { Injectable } from '@nestjs/common';
import { FlowConfigurationError } from './errors/flow-configuration.error.js';
import { messages } from './flows.messages.js';
import type { FlowOptions } from './interfaces/flow-options.interface.js';
import type { RegisteredFlow } from './interfaces/registered-flow.interface.js';

/** @internal Every `@Flow` of the app by name; the explorer fills it at startup, before workers start. */
@Injectable()
export class FlowRegistry {
  private readonly flows = new Map<string, RegisteredFlow>();

  /** Registers a flow; refuses with `FlowConfigurationError` a duplicate name or options that cannot work. */
  add(flow: RegisteredFlow): void {
    const existing = this.flows.get(flow.name);
    if (existing) throw new FlowConfigurationError(messages.duplicateFlow(flow.name, existing.target, flow.target));
    checkFlowOptions(flow.name, flow.options);
    this.flows.set(flow.name, flow);
  }

  get(name: string): RegisteredFlow | undefined {
    return this.flows.get(name);
  }

  all(): RegisteredFlow[] {
    return [...this.flows.values()];
  }

  names(): string[] {
    return [...this.flows.keys()];
  }
}

/** What the type of `FlowOptions` cannot say: ranges, and callbacks that are functions. */
export function checkFlowOptions(name: string, options: FlowOptions): void {
  const bad = (option: string, value: unknown, want: string): never => {
    throw new FlowConfigurationError(messages.badFlowOption(name, option, value, want));
  };
  if (options.attempts !== undefined && !(Number.isInteger(options.attempts) && options.attempts >= 1)) bad('attempts', options.attempts, 'a whole number >= 1');
  for (const field of ['delayMs', 'maxDelayMs'] as const) {
    const value = options.backoff?.[field];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) bad(`backoff.${field}`, value, 'a whole number >= 0');
  }
  const concurrency = options.concurrency;
  if (concurrency) {
    if (typeof concurrency.key !== 'function') bad('concurrency.key', concurrency.key, 'a function of the input');
    const limit = concurrency.limit;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) bad('concurrency.limit', limit, 'a whole number >= 1');
  }
  const cancelOn = options.cancelOn === undefined ? [] : Array.isArray(options.cancelOn) ? options.cancelOn : [options.cancelOn];
  for (const entry of cancelOn as readonly { event?: unknown }[]) {
    if (typeof entry.event !== 'string' || entry.event === '') bad('cancelOn.event', entry.event, 'a non-empty event name');
  }
}
