/**
 * The public API of `@aiwire/ai`. Every export is tagged `@publicApi` where it is declared; the
 * errors re-exported from `@aiwire/core` are the ones a call or the startup of this module can throw.
 */
export { AiModule } from './ai.module.js';
export { AiService } from './ai.service.js';
export { AiJobsService } from './jobs/ai-jobs.service.js';
export { CacheAiResult, type CacheAiResultOptions, type CacheAiResultDecorator } from './decorators/cache-ai-result.decorator.js';
export { AI_QUEUE, AI_QUEUE_NAME, CACHE_AI_RESULT_METADATA } from './ai.constants.js';
export { DEFAULT_PRICES } from './usage/default-prices.js';
export { SENTIMENT_SCHEMA } from './tasks/task-requests.js';
export { LOCAL_LANGUAGES } from './providers/local/nlp-data.js';
export { LOCAL_MAX_INPUT_CHARS } from './providers/local/local.provider.js';

export { AiConfigurationError } from './errors/ai-configuration.error.js';
export { AiProviderError } from './errors/ai-provider.error.js';
export { AiNetworkError } from './errors/ai-network.error.js';
export { AiTimeoutError } from './errors/ai-timeout.error.js';
export { AiResponseValidationError } from './errors/ai-response-validation.error.js';
export { AiOutputValidationError } from './errors/ai-output-validation.error.js';
export { ProviderCapabilityError } from './errors/provider-capability.error.js';
export { BudgetExceededError } from './errors/budget-exceeded.error.js';
export { AiUnavailableError } from './errors/ai-unavailable.error.js';
export { SsrfBlockedError, RateLimitTimeoutError, CircuitOpenError, RedisConfigurationError } from '@aiwire/core';

export {
  requestChannel,
  attemptChannel,
  fallbackChannel,
  cacheChannel,
  rateLimitChannel,
  jobChannel,
  type GenAiAttributes,
  type AiRequestMessage,
  type AiAttemptMessage,
  type AiFallbackMessage,
  type AiCacheMessage,
  type AiRateLimitMessage,
  type AiJobMessage,
} from './ai.channels.js';

export type { ChatRequest, ChatResult, ChatMessage, ChatRole, JsonSchema, SchemaClass, TokenUsage, ProviderFailure, FailureReason } from './interfaces/chat.interface.js';
export type { TaskOptions, SentimentOptions, SummarizeOptions, SentimentResult, ClassificationResult } from './interfaces/task.interface.js';
export type { AiJob, AiJobStatus, AiJobRequest, AiJobCallbackBody, AiJobCallbackState, SubmitOptions } from './interfaces/ai-job.interface.js';
export type { AiModuleOptions, AiModuleExtras, AiRetryOptions, AiCircuitOptions, AiCacheOptions, AiJobsOptions } from './interfaces/ai-module-options.interface.js';
export type {
  ProviderOptions,
  ProviderKind,
  OpenAiProviderOptions,
  AnthropicProviderOptions,
  LocalProviderOptions,
  ProviderLimits,
  ModelPrice,
} from './interfaces/provider-options.interface.js';
export type { RateLimitSnapshot, ReportedLimit } from './interfaces/rate-limit-snapshot.interface.js';
