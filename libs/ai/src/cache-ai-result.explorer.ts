import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { AI_OPTIONS, CACHE_AI_RESULT_METADATA } from './ai.constants.js';
import { messages } from './ai.messages.js';
import type { ResolvedAiOptions } from './ai.options.js';
import { AiCache } from './cache/ai-cache.js';
import { canonicalHash } from './cache/canonical-json.js';
import type { CacheAiResultOptions } from './decorators/cache-ai-result.decorator.js';

/** Finds `@CacheAiResult` methods on singleton providers and routes their calls through the cache. */
@Injectable()
export class CacheAiResultExplorer implements OnModuleInit {
  private readonly logger = new Logger(CacheAiResultExplorer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly cache: AiCache,
    @Inject(AI_OPTIONS) private readonly options: ResolvedAiOptions,
  ) {}

  onModuleInit(): void {
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) this.explore(wrapper);
  }

  private explore(wrapper: InstanceWrapper): void {
    const instance: unknown = wrapper.instance;
    if (!instance || wrapper.isAlias || typeof instance !== 'object') return;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const method of this.scanner.getAllMethodNames(prototype)) {
      const original = prototype[method];
      if (typeof original !== 'function') continue;
      const options = Reflect.getMetadata(CACHE_AI_RESULT_METADATA, original) as CacheAiResultOptions | undefined;
      if (!options) continue;
      const name = `${instance.constructor.name}.${method}`;
      if (!wrapper.isDependencyTreeStatic()) {
        this.logger.warn(messages.requestScopedCache(name));
        continue;
      }
      this.wrap(instance as Record<string, unknown>, method, original as (...args: unknown[]) => unknown, options, name);
    }
  }

  private wrap(instance: Record<string, unknown>, method: string, original: (...args: unknown[]) => unknown, options: CacheAiResultOptions, name: string): void {
    const prefix = `${this.options.keyPrefix}:fn:${options.key ?? name}`;
    const settings = {
      ttlSeconds: options.ttlSeconds ?? this.options.cache.ttlSeconds,
      lockTtlMs: options.lockTtlMs ?? this.options.cacheResult.lockTtlMs,
      waitMs: options.waitMs ?? this.options.cacheResult.waitMs,
    };
    const cache = this.cache;
    // An own property shadows the prototype method for this instance only.
    Object.defineProperty(instance, method, {
      configurable: true,
      writable: true,
      value: async function cachedAiResult(this: unknown, ...args: unknown[]): Promise<unknown> {
        const { value } = await cache.getOrCompute(`${prefix}:${canonicalHash(args)}`, settings, async () =>
          JSON.stringify({ v: await original.apply(instance, args) }),
        );
        return (JSON.parse(value) as { v: unknown }).v;
      },
    });
  }
}
