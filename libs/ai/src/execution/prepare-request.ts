import { messages as text } from '../ai.messages.js';
import { AiConfigurationError } from '../errors/ai-configuration.error.js';
import type { ChatRequest } from '../interfaces/chat.interface.js';
import type { ResolvedAiOptions } from '../ai.options.js';
import { prepareOutput } from '../schema/output-schema.js';
import type { PreparedRequest } from './prepared-request.js';

const ROLES = new Set(['system', 'user', 'assistant']);

/** Checks a request (a mistake here is the caller's, so it is never retried) and resolves its defaults. */
export function prepareRequest<T>(request: ChatRequest<T>, options: ResolvedAiOptions): PreparedRequest {
  const problems: string[] = [];
  if (!Array.isArray(request?.messages) || request.messages.length === 0) problems.push('messages must be a non-empty array');
  else {
    request.messages.forEach((m, i) => {
      if (!m || !ROLES.has(m.role)) problems.push(`messages[${i}].role must be system, user or assistant`);
      if (typeof m?.content !== 'string') problems.push(`messages[${i}].content must be a string`);
    });
    if (!request.messages.some((m) => m?.role === 'user')) problems.push('messages need at least one user message');
  }
  if (request.temperature !== undefined && !(typeof request.temperature === 'number' && request.temperature >= 0 && request.temperature <= 2)) problems.push('temperature must be between 0 and 2');
  if (request.maxTokens !== undefined && !(Number.isInteger(request.maxTokens) && request.maxTokens > 0)) problems.push('maxTokens must be a positive integer');
  for (const name of ['timeoutMs', 'deadlineMs'] as const) {
    const value = request[name];
    if (value !== undefined && !(typeof value === 'number' && value > 0)) problems.push(`${name} must be a positive number of ms`);
  }
  if (problems.length > 0) throw new AiConfigurationError(text.badArgument(problems.join('; ')));
  const { retry } = options;
  return {
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    timeoutMs: request.timeoutMs ?? retry.timeoutMs,
    deadlineMs: request.deadlineMs ?? retry.deadlineMs,
    ...(request.provider !== undefined && { provider: request.provider }),
    ...(request.model !== undefined && { model: request.model }),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.maxTokens !== undefined && { maxTokens: request.maxTokens }),
    ...(request.schema !== undefined && { output: prepareOutput(request.schema, request.schemaName) }),
    ...(request.fallback !== undefined && { fallback: request.fallback }),
    ...(request.signal !== undefined && { signal: request.signal }),
  };
}
