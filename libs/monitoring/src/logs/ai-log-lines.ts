import type { Logger } from 'pino';
import type { AiFallbackMessage, AiRequestMessage } from '@aiwire/ai';
import { ms, writeLine } from './log-line.js';

/** One line per AI call (cache hits included): info when it answered, error when every provider failed. */
export function logAiRequest(logger: Logger, m: AiRequestMessage): void {
  const a = m.attributes;
  writeLine(
    logger,
    m.outcome === 'success' ? 'info' : 'error',
    () => ({
      event: 'ai.call', provider: m.provider, model: a['gen_ai.request.model'], response_model: a['gen_ai.response.model'],
      tokens_in: a['gen_ai.usage.input_tokens'], tokens_out: a['gen_ai.usage.output_tokens'], cost_usd: m.costUsd, cached: m.cached,
      attempts: m.attempts, fallbacks: m.fallbacks, outcome: m.outcome, duration_ms: ms(m.latencyMs), error: a['error.type'],
    }),
    () => `AI call ${m.provider ?? '(none)'} ${a['gen_ai.request.model']} ${m.outcome}`,
  );
}

/** A warn line when a provider failed for good and the next one of the chain is asked. */
export function logAiFallback(logger: Logger, m: AiFallbackMessage): void {
  writeLine(
    logger,
    'warn',
    () => ({ event: 'ai.fallback', from: m.from, to: m.to, reason: m.reason, error: m.message }),
    () => `AI provider ${m.from} failed (${m.reason}); ${m.to === undefined ? 'no provider left' : `falling back to ${m.to}`}`,
  );
}
