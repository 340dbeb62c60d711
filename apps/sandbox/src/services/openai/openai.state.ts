import { ScriptedAnswers } from '../llm/scripted-answers.js';

/** One chat completion request the stand-in served (the parsed body; credentials are never kept). */
export interface OpenAiCompletionRecord {
  readonly model: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly status: number;
  readonly at: number;
}

/** Models `GET /v1/models` lists and chat completions accept (others answer `model_not_found`). */
export const OPENAI_MODELS: readonly string[] = [
  'gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'o3', 'o4-mini',
];

export class OpenAiState {
  /** The next completions' answers; unscripted ones echo (text) or fill the schema (structured output). */
  readonly answers = new ScriptedAnswers();
  /** Every chat completion request that reached the handler, in order. */
  readonly completions: OpenAiCompletionRecord[] = [];
  /** Models that exist; add one to accept it. */
  readonly models = new Set<string>(OPENAI_MODELS);
  /** When true every request answers 429 `insufficient_quota` (the account has no credit left). */
  quotaExhausted = false;
  /**
   * The longest answer of a request without `max_tokens` / `max_completion_tokens`, which the TPM
   * limiter charges up front (as OpenAI counts the most a request may generate) and corrects to
   * the real output once the answer is written.
   * @default 1024
   */
  maxOutputTokens = 1024;
  /**
   * How long the model takes to write each answer, in ms; the tokens admitted stay charged
   * meanwhile, as at the provider.
   * @default 0
   */
  latencyMs = 0;
}
