import { Injectable } from '@nestjs/common';
import type { OnWebhookOptions } from './interfaces/on-webhook-options.interface.js';
import type { WebhookEvent } from './interfaces/webhook-event.interface.js';
import { BoundedCache, type BoundedCacheLimits } from './bounded-cache.js';
import { compilePattern } from '@aiwire/core';

/** One `@OnWebhook` method of one provider instance. */
export interface RegisteredHandler {
  /** Stable across processes and restarts: `ClassName.method`. */
  readonly id: string;
  readonly subscriptions: readonly Subscription[];
  readonly invoke: (event: WebhookEvent) => Promise<unknown>;
}

interface Subscription {
  readonly type: string;
  readonly match: (type: string) => boolean;
  readonly options: OnWebhookOptions;
}

/** A handler that an event must run, with the options of the subscription that matched. */
export interface HandlerMatch {
  readonly handler: RegisteredHandler;
  readonly options: OnWebhookOptions;
}

/**
 * Real event types are a few dozen characters, a few hundred distinct ones at most, so these bounds
 * never evict them. Types are sender-chosen on GitHub and Shopify (their headers are unsigned): a
 * type too long for one entry is matched each time rather than kept.
 */
export const MATCH_CACHE_LIMITS: BoundedCacheLimits = { maxEntries: 1_000, maxBytes: 1_048_576, maxEntryBytes: 4_096 };
/** A `HandlerMatch` record and its slot in the array: the handler and options are the registry's own. */
const MATCH_BYTES = 48;

/** Every discovered handler, and which of them an event runs. */
@Injectable()
export class WebhookRegistry {
  private readonly handlers = new Map<string, RegisteredHandler>();
  // Event types repeat endlessly, so matching is done once per (source, type).
  private readonly matchCache = new BoundedCache<readonly HandlerMatch[]>(MATCH_CACHE_LIMITS, (matches) => 16 + matches.length * MATCH_BYTES);

  add(id: string, subscriptions: readonly { type: string; options: OnWebhookOptions }[], invoke: RegisteredHandler['invoke']): boolean {
    if (this.handlers.has(id)) return false;
    const compiled = subscriptions.map((s) => ({ ...s, match: compilePattern(s.type) }));
    this.handlers.set(id, { id, subscriptions: compiled, invoke });
    this.matchCache.clear();
    return true;
  }

  get(id: string): RegisteredHandler | undefined {
    return this.handlers.get(id);
  }

  all(): readonly RegisteredHandler[] {
    return [...this.handlers.values()];
  }

  /** Options of the first subscription of `handler` that matches the event, if any. */
  optionsFor(handler: RegisteredHandler, source: string, type: string): OnWebhookOptions | undefined {
    return firstMatch(handler, source, type)?.options;
  }

  /** Entries and accounted bytes of the match cache, never above `MATCH_CACHE_LIMITS`. */
  matchCacheUsage(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.matchCache.size, bytes: this.matchCache.bytes };
  }

  /** Handlers for an event, each once, with the options of its first matching subscription. */
  match(source: string, type: string): readonly HandlerMatch[] {
    const cacheKey = `${source}\u0000${type}`;
    const cached = this.matchCache.get(cacheKey);
    if (cached) return cached;
    const matches: HandlerMatch[] = [];
    for (const handler of this.handlers.values()) {
      const hit = firstMatch(handler, source, type);
      if (hit) matches.push({ handler, options: hit.options });
    }
    this.matchCache.set(cacheKey, matches);
    return matches;
  }
}

function firstMatch(handler: RegisteredHandler, source: string, type: string): Subscription | undefined {
  return handler.subscriptions.find((s) => (s.options.source === undefined || s.options.source === source) && s.match(type));
}
