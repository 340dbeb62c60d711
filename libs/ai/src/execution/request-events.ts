import { requestChannel } from '../ai.channels.js';
import type { ChatResult } from '../interfaces/chat.interface.js';
import { genAiAttributes } from './gen-ai-attributes.js';
import type { PreparedRequest } from './prepared-request.js';
import type { ProviderRegistry } from './provider-registry.js';

/** Publishes the end of one call on `aiwire:ai:request` (nothing is built when nobody listens). */
export function publishRequest(registry: ProviderRegistry, request: PreparedRequest, result: ChatResult<unknown> | undefined, started: number, error?: unknown): void {
  if (!requestChannel.hasSubscribers) return;
  const entry = registry.get(result?.provider ?? request.provider ?? registry.defaultProvider);
  const reply = result && {
    text: result.text,
    model: result.model,
    usage: result.usage,
    finishReason: result.finishReason,
    ...(result.responseId !== undefined && { responseId: result.responseId }),
  };
  requestChannel.publish({
    provider: result?.provider,
    outcome: result ? 'success' : 'error',
    cached: result?.cached ?? false,
    attempts: result?.attempts ?? 0,
    latencyMs: Date.now() - started,
    costUsd: result?.costUsd ?? 0,
    fallbacks: result?.fallbacks.length ?? 0,
    attributes: genAiAttributes(entry?.provider, request, request.model ?? entry?.provider.defaultModel ?? 'unknown', reply, error),
  });
}
