/**
 * Tokens a prompt will probably use, without a tokenizer: about four bytes of UTF-8 per token
 * (OpenAI's rule of thumb for English; it over-counts other scripts, which is the safe side for
 * a limiter), plus a few tokens of framing per message.
 */
export function estimateTokens(texts: readonly string[]): number {
  let total = 3;
  for (const text of texts) total += Math.ceil(Buffer.byteLength(text, 'utf8') / 4) + 4;
  return total;
}
