import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Flow, type FlowMetadata } from '@aiwire/flows';

export interface RegisteredFlow {
  readonly name: string;
  /** Started by a cron schedule (the nightly stock review): the demo starts one run by hand. */
  readonly scheduled: boolean;
}

/** The app's `@Flow`s, found the way the flows module finds them (`Flow.KEY` on provider methods). */
export function registeredFlows(app: INestApplication): RegisteredFlow[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = new MetadataScanner();
  const out: RegisteredFlow[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || wrapper.isAlias || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object | null;
    if (!prototype) continue;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const meta = Reflect.getMetadata(Flow.KEY, (prototype as Record<string, unknown>)[method] as object) as FlowMetadata | undefined;
      if (!meta) continue;
      const triggers = [meta.options.trigger ?? []].flat();
      out.push({ name: meta.name, scheduled: triggers.some((t) => 'cron' in t) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
