import { AiResponseValidationError } from '../errors/ai-response-validation.error.js';
import { ProviderCapabilityError } from '../errors/provider-capability.error.js';
import type { AnthropicProviderOptions } from '../interfaces/provider-options.interface.js';
import type { ProviderCall, ProviderReply } from './ai-provider.interface.js';
import { isCount, isObject } from './openai-wire.js';

const STOP: Record<string, ProviderReply['finishReason']> = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool' };

/** The Messages request body: system messages move to `system`, structured output by tool or output_config. */
export function anthropicBody(call: ProviderCall, maxTokens: number, structured: NonNullable<AnthropicProviderOptions['structuredOutput']>): Record<string, unknown> {
  const system = call.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  const body: Record<string, unknown> = {
    model: call.model,
    max_tokens: call.maxTokens ?? maxTokens,
    messages: call.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content })),
  };
  if (system) body.system = system;
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.output && structured === 'tool') {
    body.tools = [{ name: call.output.name, description: 'Give the answer in exactly this structure.', input_schema: call.output.schema }];
    body.tool_choice = { type: 'tool', name: call.output.name };
  } else if (call.output) {
    body.output_config = { format: { type: 'json_schema', schema: call.output.schema } };
  }
  return body;
}

/** Reads a 2xx Messages body, refusing anything that is not one. */
export function readAnthropicReply(provider: string, call: ProviderCall, json: unknown): Omit<ProviderReply, 'rateLimits'> {
  if (!isObject(json) || json.type !== 'message' || !Array.isArray(json.content)) {
    throw new AiResponseValidationError(provider, 'the body is not a Messages API message');
  }
  if (json.stop_reason === 'refusal') throw new ProviderCapabilityError(provider, 'the model refused to answer');
  const usage = json.usage;
  if (!isObject(usage) || !isCount(usage.input_tokens) || !isCount(usage.output_tokens)) {
    throw new AiResponseValidationError(provider, 'usage.input_tokens / usage.output_tokens are not counts');
  }
  const blocks = json.content.filter(isObject);
  const text = blocks.filter((b) => b.type === 'text' && typeof b.text === 'string').map((b) => b.text as string).join('');
  const tool = call.output ? blocks.find((b) => b.type === 'tool_use' && b.name === call.output?.name) : undefined;
  const reply: Omit<ProviderReply, 'rateLimits'> = {
    text: tool ? JSON.stringify(tool.input) : text,
    model: typeof json.model === 'string' ? json.model : call.model,
    usage: { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens },
    finishReason: STOP[String(json.stop_reason)] ?? 'other',
    ...(typeof json.id === 'string' && { responseId: json.id }),
  };
  if (tool) reply.structured = tool.input;
  return reply;
}
