import type { PreparedRequest } from '../execution/prepared-request.js';
import type { ChatRequest } from '../interfaces/chat.interface.js';
import type { ResolvedAiOptions } from '../ai.options.js';
import { canonicalHash } from './canonical-json.js';

/** How long this call's answer is cached, or undefined when it is not (module `cache` unset, or `cache: false`). */
export function cacheTtl(setting: ChatRequest['cache'], options: ResolvedAiOptions): number | undefined {
  if (setting === false) return undefined;
  const configured = options.cache.ttlSeconds;
  if (typeof setting === 'object') return setting.ttlSeconds ?? configured;
  return setting === true || options.cache.enabled ? configured : undefined;
}

/** `{keyPrefix}:cache:{sha256}` of everything that shapes the answer: provider chain, model, messages, parameters, schema, task. */
export function cacheKey(request: PreparedRequest, options: ResolvedAiOptions, defaultProvider: string): string {
  const canonical = {
    v: 1,
    provider: request.provider ?? defaultProvider,
    fallback: request.fallback ?? options.fallback,
    model: request.model,
    messages: request.messages,
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    output: request.output?.spec,
    task: request.task,
  };
  return `${options.keyPrefix}:cache:${canonicalHash(canonical)}`;
}
