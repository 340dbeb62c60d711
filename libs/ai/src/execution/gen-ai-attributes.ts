import type { GenAiAttributes } from '../ai.channels.js';
import type { AiProvider, ProviderReply } from '../providers/ai-provider.interface.js';
import type { PreparedRequest } from './prepared-request.js';

const FINISH: Record<ProviderReply['finishReason'], string> = { stop: 'stop', length: 'length', tool: 'tool_call', other: 'other' };

/** The OpenTelemetry GenAI attributes of one call or attempt. */
export function genAiAttributes(provider: AiProvider | undefined, request: PreparedRequest, model: string, reply?: ProviderReply, error?: unknown): GenAiAttributes {
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': provider ? (provider.kind === 'local' ? 'aiwire.local' : provider.kind) : 'unknown',
    'gen_ai.request.model': model,
    'gen_ai.output.type': request.output ? 'json' : 'text',
    ...(provider?.server && { 'server.address': provider.server.address, 'server.port': provider.server.port }),
    ...(request.temperature !== undefined && { 'gen_ai.request.temperature': request.temperature }),
    ...(request.maxTokens !== undefined && { 'gen_ai.request.max_tokens': request.maxTokens }),
    ...(reply && {
      'gen_ai.response.model': reply.model,
      'gen_ai.response.finish_reasons': [FINISH[reply.finishReason]],
      'gen_ai.usage.input_tokens': reply.usage.inputTokens,
      'gen_ai.usage.output_tokens': reply.usage.outputTokens,
      ...(reply.responseId !== undefined && { 'gen_ai.response.id': reply.responseId }),
    }),
    ...(error !== undefined && { 'error.type': error instanceof Error ? error.name : 'Error' }),
  };
}
