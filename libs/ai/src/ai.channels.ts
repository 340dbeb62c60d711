import { createChannel } from '@aiwire/core';
import type { FailureReason } from './interfaces/chat.interface.js';

/**
 * OpenTelemetry GenAI semantic-convention attributes (gen_ai.* registry), ready for a span or metric.
 * @publicApi
 */
export interface GenAiAttributes {
  'gen_ai.operation.name': 'chat';
  /** `openai`, `anthropic`, or `aiwire.local` for the embedded provider. */
  'gen_ai.provider.name': string;
  'gen_ai.request.model': string;
  'gen_ai.request.temperature'?: number;
  'gen_ai.request.max_tokens'?: number;
  'gen_ai.output.type': 'json' | 'text';
  'gen_ai.response.model'?: string;
  'gen_ai.response.id'?: string;
  'gen_ai.response.finish_reasons'?: readonly string[];
  'gen_ai.usage.input_tokens'?: number;
  'gen_ai.usage.output_tokens'?: number;
  /** Host of the provider's API (from its baseURL); absent for the embedded provider. */
  'server.address'?: string;
  /** Port of the provider's API (the scheme's default when the baseURL names none). */
  'server.port'?: number;
  /** The error class name when the call or attempt failed. */
  'error.type'?: string;
}

/**
 * `aiwire:ai:request` — once per `chat()` (and task helper) call, cache hits included.
 * @publicApi
 */
export interface AiRequestMessage {
  readonly provider: string | undefined;
  readonly outcome: 'success' | 'error';
  readonly cached: boolean;
  readonly attempts: number;
  readonly latencyMs: number;
  readonly costUsd: number;
  readonly fallbacks: number;
  readonly attributes: GenAiAttributes;
}

/**
 * `aiwire:ai:attempt` — one upstream call (HTTP request, or the local model).
 * @publicApi
 */
export interface AiAttemptMessage {
  readonly provider: string;
  readonly attempt: number;
  readonly outcome: 'success' | 'retry' | 'failed';
  readonly status?: number;
  readonly durationMs: number;
  /** The wait before the next attempt, when one follows. */
  readonly delayMs?: number;
  /** Why the provider was given up, when `outcome` is `failed`. */
  readonly reason?: FailureReason;
  readonly attributes: GenAiAttributes;
}

/**
 * `aiwire:ai:fallback` — a provider failed for good and the next one is asked.
 * @publicApi
 */
export interface AiFallbackMessage {
  readonly from: string;
  readonly to: string | undefined;
  readonly reason: FailureReason;
  readonly message: string;
}

/**
 * `aiwire:ai:cache` — cache and single-flight decisions.
 * @publicApi
 */
export interface AiCacheMessage {
  /** `hit`, `miss`, `shared` (waited for an identical call in flight), `store`, `error` (Redis failed; the call went on). */
  readonly event: 'hit' | 'miss' | 'shared' | 'store' | 'error';
  readonly key: string;
  readonly durationMs: number;
}

/**
 * `aiwire:ai:ratelimit` — a call waited for the shared limiter.
 * @publicApi
 */
export interface AiRateLimitMessage {
  readonly provider: string;
  readonly waitedMs: number;
  readonly tokens: number;
}

/**
 * `aiwire:ai:job` — async job state changes and callback deliveries.
 * @publicApi
 */
export interface AiJobMessage {
  readonly jobId: string;
  readonly event: 'queued' | 'running' | 'completed' | 'failed' | 'callback_delivered' | 'callback_failed' | 'callback_gave_up';
  readonly status?: number;
  readonly attempt?: number;
  readonly error?: string;
}

/**
 * `aiwire:ai:request`: one message per AI call, when it ends.
 * @publicApi
 */
export const requestChannel = createChannel<AiRequestMessage>('aiwire:ai:request');
/**
 * `aiwire:ai:attempt`: one message per provider attempt (success, retry or failure).
 * @publicApi
 */
export const attemptChannel = createChannel<AiAttemptMessage>('aiwire:ai:attempt');
/**
 * `aiwire:ai:fallback`: a call moved on to the next provider of its chain.
 * @publicApi
 */
export const fallbackChannel = createChannel<AiFallbackMessage>('aiwire:ai:fallback');
/**
 * `aiwire:ai:cache`: cache hits, misses, shared answers, stores and Redis errors.
 * @publicApi
 */
export const cacheChannel = createChannel<AiCacheMessage>('aiwire:ai:cache');
/**
 * `aiwire:ai:ratelimit`: a call waited for the shared rate limiter.
 * @publicApi
 */
export const rateLimitChannel = createChannel<AiRateLimitMessage>('aiwire:ai:ratelimit');
/**
 * `aiwire:ai:job`: the steps of an async job and of its callback.
 * @publicApi
 */
export const jobChannel = createChannel<AiJobMessage>('aiwire:ai:job');
