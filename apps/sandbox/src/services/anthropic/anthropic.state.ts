import { ScriptedAnswers } from '../llm/scripted-answers.js';

/** One Messages request the stand-in served (the parsed body; credentials are never kept). */
export interface AnthropicMessageRecord {
  readonly model: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly status: number;
  readonly at: number;
}

/** Model ids the stand-in accepts (others answer 404 `not_found_error`). */
export const ANTHROPIC_MODELS: readonly string[] = [
  'claude-haiku-4-5', 'claude-haiku-4-5-20251001', 'claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'claude-opus-4-5',
  'claude-opus-4-1', 'claude-sonnet-4-0', 'claude-3-5-haiku-latest', 'claude-3-5-haiku-20241022',
  'claude-sonnet-5', 'claude-sonnet-5-5', 'claude-opus-5', 'claude-opus-5-5', 'claude-haiku-5-5',
];

export class AnthropicState {
  /** The next messages' answers; unscripted ones echo (text) or fill the schema (tool input / output_config). */
  readonly answers = new ScriptedAnswers();
  /** Every Messages request that reached the handler, in order. */
  readonly messages: AnthropicMessageRecord[] = [];
  /** Models that exist; add one to accept it. */
  readonly models = new Set<string>(ANTHROPIC_MODELS);
  /** When true every request answers 429 with `enforced_spend_limit_reached` (monthly spend limit hit). */
  spendLimitReached = false;
  /** When true every request answers 400 "Your credit balance is too low …". */
  creditBalanceTooLow = false;
  /**
   * How long the model takes to write each answer, in ms; the output tokens admitted on
   * `max_tokens` stay charged meanwhile, as at the provider.
   * @default 0
   */
  latencyMs = 0;
}
