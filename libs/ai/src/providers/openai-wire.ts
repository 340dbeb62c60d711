import { AiResponseValidationError } from '../errors/ai-response-validation.error.js';
import { ProviderCapabilityError } from '../errors/provider-capability.error.js';
import type { OpenAiProviderOptions } from '../interfaces/provider-options.interface.js';
import type { ProviderCall, ProviderReply } from './ai-provider.interface.js';
import { estimateTokens } from '../limits/token-estimator.js';

const FINISH: Record<string, ProviderReply['finishReason']> = { stop: 'stop', length: 'length', tool_calls: 'tool', function_call: 'tool' };

/** The Chat Completions request body for one call. */
export function openAiBody(call: ProviderCall, maxTokensParam: NonNullable<OpenAiProviderOptions['maxTokensParam']>): Record<string, unknown> {
  const body: Record<string, unknown> = { model: call.model, messages: call.messages.map((m) => ({ role: m.role, content: m.content })) };
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.maxTokens !== undefined) body[maxTokensParam] = call.maxTokens;
  if (call.output) {
    body.response_format = { type: 'json_schema', json_schema: { name: call.output.name, schema: call.output.schema, strict: call.output.strict } };
  }
  return body;
}

/**
 * Reads a 2xx Chat Completions body, refusing anything that is not one. Usage is estimated
 * (like a tokenizer would, roughly) only when an OpenAI-compatible server leaves it out.
 */
export function readOpenAiReply(provider: string, call: ProviderCall, json: unknown): Omit<ProviderReply, 'rateLimits'> {
  if (!isObject(json)) throw new AiResponseValidationError(provider, 'the body is not a JSON object');
  const choice = Array.isArray(json.choices) ? json.choices[0] : undefined;
  if (!isObject(choice) || !isObject(choice.message)) throw new AiResponseValidationError(provider, 'choices[0].message is missing');
  const { content, refusal } = choice.message;
  if (typeof refusal === 'string' && refusal) throw new ProviderCapabilityError(provider, `the model refused: ${refusal}`);
  if (typeof content !== 'string') throw new AiResponseValidationError(provider, 'choices[0].message.content is not a string');
  const model = typeof json.model === 'string' ? json.model : call.model;
  return {
    text: content,
    model,
    usage: usageOf(provider, json.usage, call, content),
    finishReason: FINISH[String(choice.finish_reason)] ?? 'other',
    ...(typeof json.id === 'string' && { responseId: json.id }),
  };
}

function usageOf(provider: string, usage: unknown, call: ProviderCall, content: string): ProviderReply['usage'] {
  if (usage === undefined || usage === null) {
    return { inputTokens: estimateTokens(call.messages.map((m) => m.content)), outputTokens: estimateTokens([content]) };
  }
  if (!isObject(usage) || !isCount(usage.prompt_tokens) || !isCount(usage.completion_tokens)) {
    throw new AiResponseValidationError(provider, 'usage.prompt_tokens / usage.completion_tokens are not counts');
  }
  return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}
