/**
 * An OpenAI Chat Completions endpoint: OpenAI, Azure-style gateways, Ollama, vLLM, LM Studio.
 * @publicApi
 */
export interface OpenAiProviderOptions {
  kind: 'openai';
  /** Sent as `Authorization: Bearer`. Without one, a provider on OpenAI's own URL is skipped. @default undefined */
  apiKey?: string;
  /** API root, up to and including `/v1`. @default 'https://api.openai.com/v1' */
  baseURL?: string;
  /** Model used when a call names none. @default 'gpt-4o-mini' */
  model?: string;
  /** Which body field carries maxTokens: reasoning models want `max_completion_tokens`, older servers `max_tokens`. @default 'max_completion_tokens' on OpenAI's URL, else 'max_tokens' */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  /** Output tokens the shared TPM limiter and the daily budget reserve for a call that sets no maxTokens (the server may write that many; nothing extra is sent). @default 1024 */
  reservedOutputTokens?: number;
  /** `OpenAI-Organization` header. @default undefined */
  organization?: string;
  /** Extra headers on every request (gateways, Azure `api-key`). @default {} */
  headers?: Record<string, string>;
}

/**
 * The Anthropic Messages API.
 * @publicApi
 */
export interface AnthropicProviderOptions {
  kind: 'anthropic';
  /** Sent as `x-api-key`. Without one, a provider on Anthropic's own URL is skipped. @default undefined */
  apiKey?: string;
  /** API root, without `/v1`. @default 'https://api.anthropic.com' */
  baseURL?: string;
  /** Model used when a call names none. @default 'claude-haiku-4-5' */
  model?: string;
  /** Tokens to generate when a call sets no maxTokens (the API requires a value). @default 1024 */
  maxTokens?: number;
  /** `anthropic-version` header. @default '2023-06-01' */
  version?: string;
  /** How structured output is asked for: a forced tool (every model) or native `output_config.format` (newer models). @default 'tool' */
  structuredOutput?: 'tool' | 'output_config';
  /** Extra headers on every request (e.g. `anthropic-beta`). @default {} */
  headers?: Record<string, string>;
}

/**
 * Trained-in-the-package models that run offline: sentiment, classification, summaries, extraction.
 * @publicApi
 */
export interface LocalProviderOptions {
  kind: 'local';
  /** Keywords and example texts per classification label, added to the built-in words (en, fr, it, pl, da, ro). @default {} */
  labels?: Record<string, { keywords?: readonly string[]; examples?: readonly string[] }>;
}

/**
 * One provider of `AiModuleOptions.providers`, by kind.
 * @publicApi
 */
export type ProviderOptions = OpenAiProviderOptions | AnthropicProviderOptions | LocalProviderOptions;
/**
 * The kinds of provider: `openai`, `anthropic`, `local`.
 * @publicApi
 */
export type ProviderKind = ProviderOptions['kind'];

/**
 * Limits of one provider, shared by every process through Redis.
 * @publicApi
 */
export interface ProviderLimits {
  /** Requests per minute. @default unlimited */
  rpm?: number;
  /** Tokens (input + output) per minute; each call reserves its estimated input + maxTokens (without one: Anthropic's `maxTokens`, OpenAI's `reservedOutputTokens`). @default unlimited */
  tpm?: number;
  /** Longest wait for the limiter before this provider is given up for the call (the next one serves). @default 30000 */
  maxWaitMs?: number;
  /** Spend per UTC day in USD; past it, calls fail with BudgetExceededError and the next provider serves. @default unlimited */
  dailyBudgetUsd?: number;
}

/**
 * Price of a model in USD per million tokens.
 * @publicApi
 */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}
