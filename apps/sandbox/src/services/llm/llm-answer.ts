import { truncateToTokens } from './llm-tokens.js';
import { instanceOf } from './schema-instance.js';
import type { ScriptedAnswer } from './scripted-answers.js';

/** What a stand-in model answers: text, or a structured value when a schema was requested. */
export interface LlmAnswer {
  readonly text: string;
  readonly structured?: unknown;
  /** The answer hit the token limit (`finish_reason: 'length'`, `stop_reason: 'max_tokens'`). */
  readonly truncated: boolean;
}

/**
 * The deterministic model: a scripted answer when a test queued one; otherwise for a schema the
 * schema's first valid instance, and for text `Echo: <last user message>` (cut to maxTokens).
 */
export function answer(lastUserText: string, maxTokens: number | undefined, schema: unknown, scripted: ScriptedAnswer | undefined): LlmAnswer {
  if (schema !== undefined) {
    const structured = scripted !== undefined && typeof scripted !== 'string' ? scripted : scripted !== undefined ? parseOr(scripted) : instanceOf(schema);
    return { text: typeof scripted === 'string' ? scripted : JSON.stringify(structured), structured, truncated: false };
  }
  const full = scripted === undefined ? `Echo: ${lastUserText}` : typeof scripted === 'string' ? scripted : JSON.stringify(scripted);
  if (maxTokens === undefined) return { text: full, truncated: false };
  return truncateToTokens(full, maxTokens);
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
