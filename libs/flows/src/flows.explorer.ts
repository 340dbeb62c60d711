import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { FlowMetadataAccessor } from './flow-metadata.accessor.js';
import { FlowRegistry } from './flows.registry.js';
import { FlowConfigurationError } from './errors/flow-configuration.error.js';
import { messages } from './flows.messages.js';
import type { FlowContext } from './interfaces/flow-context.interface.js';
import type { RegisteredFlow } from './interfaces/registered-flow.interface.js';

type Method = (...args: unknown[]) => unknown;

/** Finds `@Flow` methods on providers and controllers and registers them. */
@Injectable()
export class FlowsExplorer implements OnModuleInit {
  private readonly logger = new Logger(FlowsExplorer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: FlowMetadataAccessor,
    private readonly registry: FlowRegistry,
  ) {}

  onModuleInit(): void {
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) this.exploreWrapper(wrapper);
  }

  private exploreWrapper(wrapper: InstanceWrapper): void {
    const instance: unknown = wrapper.instance;
    if (!instance || wrapper.isAlias || typeof instance !== 'object') return;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const method of this.scanner.getAllMethodNames(prototype)) {
      const target = prototype[method];
      if (typeof target !== 'function') continue;
      const metadata = this.accessor.getFlowMetadata(target as Method);
      if (!metadata) continue;
      const id = `${instance.constructor.name}.${method}`;
      if (!wrapper.isDependencyTreeStatic()) {
        this.logger.warn(messages.requestScopedFlow(id));
        continue;
      }
      this.registry.add(toRegisteredFlow(instance, prototype, id, metadata.name, metadata.options, target as Method));
    }
  }
}

function toRegisteredFlow(instance: object, prototype: Record<string, unknown>, target: string, name: string, options: RegisteredFlow['options'], method: Method): RegisteredFlow {
  const run = (flow: FlowContext<unknown>): Promise<unknown> => Promise.resolve(method.call(instance, flow));
  if (options.onFailure === undefined) return { name, options, target, run };
  const fallback = prototype[options.onFailure];
  if (typeof fallback !== 'function') throw new FlowConfigurationError(messages.onFailureNotMethod(name, target, options.onFailure));
  const onFailure = (flow: FlowContext<unknown>, error: Error): Promise<unknown> => Promise.resolve((fallback as Method).call(instance, flow, error));
  return { name, options, target, run, onFailure };
}
