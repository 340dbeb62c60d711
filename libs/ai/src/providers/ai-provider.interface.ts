import type { ChatMessage, JsonSchema, TokenUsage } from '../interfaces/chat.interface.js';
import type { ProviderKind } from '../interfaces/provider-options.interface.js';
import type { RateLimitSnapshot } from '../interfaces/rate-limit-snapshot.interface.js';
import type { LocalTask } from '../tasks/local-task.js';

/** Structured output as sent to a provider: always an object at the root. */
export interface OutputSpec {
  name: string;
  schema: JsonSchema;
  /** The schema meets OpenAI's strict mode rules (all properties required, no extra properties). */
  strict: boolean;
}

/** One attempt's input, already resolved to a model. */
export interface ProviderCall {
  model: string;
  messages: readonly ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  output?: OutputSpec;
  /** Set by the task helpers; `local` answers it directly, LLM providers use the messages. */
  task?: LocalTask;
  /** Aborts on the attempt timeout or the caller's signal. */
  signal: AbortSignal;
  /** The attempt timeout, to tell a timeout from the caller's abort. */
  timeoutMs: number;
}

export interface ProviderReply {
  text: string;
  /** Structured output the provider returned as an object (tool input); otherwise parsed from `text`. */
  structured?: unknown;
  model: string;
  usage: { inputTokens: number; outputTokens: number } & TokenUsage;
  finishReason: 'stop' | 'length' | 'tool' | 'other';
  responseId?: string;
  rateLimits?: RateLimitSnapshot;
}

/** Where a provider's API lives, as OpenTelemetry's `server.address` and `server.port` name it. */
export interface ProviderServer {
  readonly address: string;
  readonly port: number;
}

/** A configured provider. `complete` makes exactly one attempt; retries are the runner's. */
export interface AiProvider {
  readonly name: string;
  readonly kind: ProviderKind;
  readonly defaultModel: string;
  /** Output tokens a call without maxTokens may produce: what the limiter and the budget reserve for it. */
  readonly reservedOutputTokens: number;
  /** The API's host and port; none for the embedded provider. */
  readonly server?: ProviderServer;
  complete(call: ProviderCall): Promise<ProviderReply>;
}
