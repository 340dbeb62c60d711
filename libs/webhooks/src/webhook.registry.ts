import { Injectable } from '@nestjs/common';
import type { OnWebhookOptions } from './interfaces/on-webhook-options.interface.js';
import type { WebhookEvent } from './interfaces/webhook-event.interface.js';

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

const MATCH_CACHE_LIMIT = 1_000;

/** Every discovered handler, and which of them an event runs. */
@Injectable()
export class WebhookRegistry {
  private readonly handlers = new Map<string, RegisteredHandler>();
  // Event types repeat endlessly, so matching is done once per (source, type).
  private readonly matchCache = new Map<string, readonly HandlerMatch[]>();

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
    if (this.matchCache.size >= MATCH_CACHE_LIMIT) this.matchCache.clear();
    this.matchCache.set(cacheKey, matches);
    return matches;
  }
}

function firstMatch(handler: RegisteredHandler, source: string, type: string): Subscription | undefined {
  return handler.subscriptions.find((s) => (s.options.source === undefined || s.options.source === source) && s.match(type));
}

/** `*` matches any run of characters; everything else is literal. */
export function compilePattern(pattern: string): (type: string) => boolean {
  if (pattern === '*') return () => true;
  if (!pattern.includes('*')) return (type) => type === pattern;
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  const regex = new RegExp(`^${source}$`);
  return (type) => regex.test(type);
}
