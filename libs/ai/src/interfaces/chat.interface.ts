/**
 * Who wrote a message. Providers map `system` to their own place for it.
 * @publicApi
 */
export type ChatRole = 'system' | 'user' | 'assistant';

/**
 * One message of a chat.
 * @publicApi
 */
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/**
 * A JSON Schema object (draft 2020-12 subset that structured outputs accept).
 * @publicApi
 */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * A class decorated with class-validator (e.g. `SentimentDto`); results become instances of it.
 * @publicApi
 */
export type SchemaClass<T = unknown> = new (...args: never[]) => T;

/**
 * Why a provider did not serve and the next one in the chain was asked.
 * @publicApi
 */
export type FailureReason =
  | 'not_configured'
  | 'quota_exhausted'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'circuit_open'
  | 'capability'
  | 'rejected'
  | 'invalid_output'
  | 'retries_exhausted'
  | 'deadline';

/**
 * One provider that failed for good before another served (or before the call gave up).
 * @publicApi
 */
export interface ProviderFailure {
  provider: string;
  reason: FailureReason;
  /** The provider's error, safe to log (no secrets). */
  message: string;
  /** Calls made to this provider. */
  attempts: number;
  /** Last HTTP status, when there was one. */
  status?: number;
}

/**
 * Tokens a call used, as the provider counted them.
 * @publicApi
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * What `AiService.chat` takes.
 * @publicApi
 */
export interface ChatRequest<T = unknown> {
  messages: readonly ChatMessage[];
  /** Provider to ask first; the module's `fallback` chain follows. @default the module's defaultProvider */
  provider?: string;
  /** Model for the first provider; fallbacks use their own default model. @default the provider's `model` */
  model?: string;
  /** Sampling temperature. @default the provider's default */
  temperature?: number;
  /** Most tokens to generate. @default the provider's `maxTokens` (Anthropic requires one: 1024) */
  maxTokens?: number;
  /** A class-validator class or a JSON Schema: the answer is parsed and validated into `json`. @default none (text) */
  schema?: SchemaClass<T> | JsonSchema;
  /** Name of the schema sent to the provider (`json_schema.name`, tool name). @default the class name, else 'output' */
  schemaName?: string;
  /** Providers to try after the first, or `false` for none. @default the module's `fallback` */
  fallback?: readonly string[] | false;
  /** Cache this call (`false` skips the cache, an object overrides the TTL). @default the module's `cache` setting */
  cache?: boolean | { ttlSeconds?: number };
  /** Timeout of each HTTP attempt, in ms. @default the module's `retry.timeoutMs` */
  timeoutMs?: number;
  /** Longest total time for the call (waits, retries and fallbacks included), in ms. @default the module's `retry.deadlineMs` */
  deadlineMs?: number;
  /** Aborts the call (no fallback after an abort). @default none */
  signal?: AbortSignal;
}

/**
 * What `AiService.chat` resolves to.
 * @publicApi
 */
export interface ChatResult<T = unknown> {
  /** The answer as text (for structured output, the JSON text). */
  text: string;
  /** The parsed and validated structured output, when a schema was given. */
  json?: T;
  /** The configured name of the provider that served. */
  provider: string;
  /** The model that answered, as the provider reported it. */
  model: string;
  usage: TokenUsage;
  /** What this call cost; 0 when served from the cache or by `local`. */
  costUsd: number;
  cached: boolean;
  latencyMs: number;
  /** Provider calls made for this result, across providers (0 when cached). */
  attempts: number;
  /** `stop`, `length` (hit maxTokens), `tool` or `other`. */
  finishReason: 'stop' | 'length' | 'tool' | 'other';
  /** Providers that failed before the one that served, in order, with why. */
  fallbacks: readonly ProviderFailure[];
  /** The provider's response id, when it sends one. */
  responseId?: string;
}
