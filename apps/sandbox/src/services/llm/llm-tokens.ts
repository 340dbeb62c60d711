/**
 * A deterministic stand-in for a BPE tokenizer: about four bytes of UTF-8 per token, which is
 * OpenAI's published rule of thumb for English and over-counts other scripts (never under-counts).
 */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}

/** Prompt tokens of a conversation: each message's text plus a few tokens of framing. */
export function promptTokens(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + countTokens(text) + 4, 3);
}

/** `text` cut to at most `maxTokens` tokens; `truncated` says whether anything was cut. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  if (countTokens(text) <= maxTokens) return { text, truncated: false };
  let cut = text.slice(0, maxTokens * 4);
  while (countTokens(cut) > maxTokens) cut = cut.slice(0, -1);
  return { text: cut, truncated: true };
}
