import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { WebhookMetadataAccessor } from './webhook-metadata.accessor.js';
import { WebhookRegistry } from './webhook.registry.js';
import { RESOLVED_WEBHOOK_OPTIONS } from './webhook.constants.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';
import { messages } from './webhook.messages.js';
import type { ResolvedWebhookOptions } from './webhook.options.js';
import type { WebhookEvent } from './interfaces/webhook-event.interface.js';

/** Finds `@OnWebhook` methods on providers and controllers and registers them. */
@Injectable()
export class WebhookExplorer implements OnModuleInit {
  private readonly logger = new Logger(WebhookExplorer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: WebhookMetadataAccessor,
    private readonly registry: WebhookRegistry,
    @Inject(RESOLVED_WEBHOOK_OPTIONS) private readonly options: ResolvedWebhookOptions,
  ) {}

  onModuleInit(): void {
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      this.exploreWrapper(wrapper);
    }
  }

  private exploreWrapper(wrapper: InstanceWrapper): void {
    const instance: unknown = wrapper.instance;
    if (!instance || wrapper.isAlias || typeof instance !== 'object') return;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const method of this.scanner.getAllMethodNames(prototype)) {
      const target = prototype[method];
      if (typeof target !== 'function') continue;
      const subscriptions = this.accessor.getHandlerMetadata(target as (...args: never[]) => unknown);
      if (!subscriptions?.length) continue;
      const id = `${instance.constructor.name}.${method}`;
      if (!wrapper.isDependencyTreeStatic()) {
        this.logger.warn(messages.requestScopedHandler(id));
        continue;
      }
      for (const { options } of subscriptions) {
        if (options.source !== undefined && !this.options.sources.has(options.source)) {
          throw new WebhookConfigurationError(messages.unknownHandlerSource(id, options.source, [...this.options.sources.keys()]));
        }
      }
      const invoke = (event: WebhookEvent): Promise<unknown> => Promise.resolve((target as (e: WebhookEvent) => unknown).call(instance, event));
      if (!this.registry.add(id, subscriptions, invoke)) this.logger.warn(messages.duplicateHandler(id));
    }
  }
}
