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

/**
 * The most a call may use: its estimated prompt, and `maxTokens` of output — or, without one,
 * as much as the provider may write (`reservedOutputTokens`). Limits and budgets reserve this
 * before the call and reconcile with the real usage after.
 */
export function worstCaseUsage(
  request: { readonly messages: readonly { readonly content: string }[]; readonly maxTokens?: number | undefined },
  reservedOutputTokens: number,
): { inputTokens: number; outputTokens: number } {
  return { inputTokens: estimateTokens(request.messages.map((m) => m.content)), outputTokens: request.maxTokens ?? reservedOutputTokens };
}
