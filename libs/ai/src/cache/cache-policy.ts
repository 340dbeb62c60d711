import { DEFAULT_AI_OPTIONS as D } from '../ai.constants.js';
import type { PreparedRequest } from '../execution/prepared-request.js';
import type { ChatRequest } from '../interfaces/chat.interface.js';
import type { AiModuleOptions } from '../interfaces/ai-module-options.interface.js';
import { canonicalHash } from './canonical-json.js';

/** How long this call's answer is cached, or undefined when it is not (module `cache` unset, or `cache: false`). */
export function cacheTtl(setting: ChatRequest['cache'], options: AiModuleOptions): number | undefined {
  if (setting === false) return undefined;
  const configured = options.cache?.ttlSeconds ?? D.cacheTtlSeconds;
  if (typeof setting === 'object') return setting.ttlSeconds ?? configured;
  return setting === true || options.cache ? configured : undefined;
}

/** `{keyPrefix}:cache:{sha256}` of everything that shapes the answer: provider chain, model, messages, parameters, schema, task. */
export function cacheKey(request: PreparedRequest, options: AiModuleOptions, defaultProvider: string): string {
  const canonical = {
    v: 1,
    provider: request.provider ?? defaultProvider,
    fallback: request.fallback ?? options.fallback ?? [],
    model: request.model,
    messages: request.messages,
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    output: request.output?.spec,
    task: request.task,
  };
  return `${options.keyPrefix ?? D.keyPrefix}:cache:${canonicalHash(canonical)}`;
}
