import { AiResponseValidationError } from '../errors/ai-response-validation.error.js';
import { ProviderCapabilityError } from '../errors/provider-capability.error.js';
import type { ProviderCall } from './ai-provider.interface.js';
import { anthropicBody, readAnthropicReply } from './anthropic-wire.js';
import { openAiBody, readOpenAiReply } from './openai-wire.js';
import { serverOf } from './http-transport.js';
import { providerError } from './provider-errors.js';

const call: ProviderCall = {
  model: 'm',
  messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }, { role: 'user', content: 'again' }],
  signal: new AbortController().signal,
  timeoutMs: 1000,
};
const output = { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } }, strict: false };

describe('OpenAI wire format', () => {
  it('builds the body with the configured max-tokens field and json_schema output', () => {
    expect(openAiBody({ ...call, maxTokens: 5, temperature: 0, output }, 'max_completion_tokens')).toEqual({
      model: 'm',
      messages: call.messages,
      temperature: 0,
      max_completion_tokens: 5,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: output.schema, strict: false } },
    });
  });

  it('refuses bodies that are not chat completions', () => {
    for (const body of [undefined, [], { choices: [] }, { choices: [{ message: { content: 3 } }] }, { choices: [{ message: { content: 'x' } }], usage: { prompt_tokens: -1, completion_tokens: 1 } }]) {
      expect(() => readOpenAiReply('p', call, body), JSON.stringify(body)).toThrow(AiResponseValidationError);
    }
  });

  it('turns a refusal into a capability error and estimates usage a compatible server left out', () => {
    expect(() => readOpenAiReply('p', call, { choices: [{ message: { content: null, refusal: 'I cannot help with that.' } }] })).toThrow(ProviderCapabilityError);
    const reply = readOpenAiReply('p', call, { choices: [{ message: { content: 'hello' }, finish_reason: 'length' }] });
    expect(reply).toMatchObject({ text: 'hello', model: 'm', finishReason: 'length' });
    expect(reply.usage.inputTokens).toBeGreaterThan(0);
  });
});

describe('Anthropic wire format', () => {
  it('moves system messages to `system` and forces a tool, or uses output_config', () => {
    expect(anthropicBody({ ...call, output }, 1024, 'tool')).toEqual({
      model: 'm',
      max_tokens: 1024,
      system: 'sys',
      messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }, { role: 'user', content: 'again' }],
      tools: [{ name: 'answer', description: expect.any(String), input_schema: output.schema }],
      tool_choice: { type: 'tool', name: 'answer' },
    });
    expect(anthropicBody({ ...call, output, maxTokens: 9 }, 1024, 'output_config')).toMatchObject({ max_tokens: 9, output_config: { format: { type: 'json_schema', schema: output.schema } } });
  });

  it('reads text and tool answers, and refuses anything else', () => {
    const usage = { input_tokens: 3, output_tokens: 4 };
    expect(readAnthropicReply('p', call, { type: 'message', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], usage, stop_reason: 'end_turn', model: 'x' })).toMatchObject({ text: 'ab', finishReason: 'stop', model: 'x', usage: { inputTokens: 3, outputTokens: 4 } });
    const tool = readAnthropicReply('p', { ...call, output }, { type: 'message', content: [{ type: 'tool_use', name: 'answer', input: { a: 'z' } }], usage, stop_reason: 'tool_use' });
    expect(tool).toMatchObject({ structured: { a: 'z' }, text: '{"a":"z"}', finishReason: 'tool' });
    expect(() => readAnthropicReply('p', call, { type: 'message', content: [], usage: {} })).toThrow(AiResponseValidationError);
    expect(() => readAnthropicReply('p', call, { type: 'error' })).toThrow(AiResponseValidationError);
    expect(() => readAnthropicReply('p', call, { type: 'message', content: [], usage, stop_reason: 'refusal' })).toThrow(ProviderCapabilityError);
  });
});

describe('providerError', () => {
  const facts = { provider: 'p', type: 't', message: 'm', quotaExhausted: false };

  it('retries 408, 409, 429, 500–504 and 529 only: no other 4xx, no other 5xx', () => {
    for (const status of [408, 409, 429, 500, 501, 502, 503, 504, 529]) expect(providerError({ ...facts, status, headers: {} }).retryable, String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 422, 505, 507, 508, 511, 520, 599]) expect(providerError({ ...facts, status, headers: {} }).retryable, String(status)).toBe(false);
  });

  it('lets x-should-retry: false stop a retry, never lets x-should-retry: true start one, and never retries an account out of money', () => {
    expect(providerError({ ...facts, status: 503, headers: { 'x-should-retry': 'false' } }).retryable).toBe(false);
    expect(providerError({ ...facts, status: 429, headers: new Headers({ 'X-Should-Retry': 'False' }) }).retryable).toBe(false);
    expect(providerError({ ...facts, status: 503, headers: { 'x-should-retry': 'true' } }).retryable).toBe(true);
    for (const status of [400, 401, 404, 422, 505, 599]) expect(providerError({ ...facts, status, headers: { 'x-should-retry': 'true' } }).retryable, String(status)).toBe(false);
    expect(providerError({ ...facts, status: 429, headers: { 'x-should-retry': 'true' }, quotaExhausted: true }).retryable).toBe(false);
  });

  it('keeps the wait the server asked for and its request id', () => {
    const error = providerError({ ...facts, status: 429, headers: new Headers({ 'retry-after-ms': '1500', 'x-request-id': 'req_1' }) });
    expect(error).toMatchObject({ retryAfterMs: 1500, requestId: 'req_1' });
  });
});

describe('serverOf (OpenTelemetry server.address / server.port)', () => {
  it('takes host and port from the baseURL, the scheme’s default port when it names none', () => {
    expect(serverOf('https://api.openai.com/v1')).toEqual({ address: 'api.openai.com', port: 443 });
    expect(serverOf('http://ollama.internal/v1')).toEqual({ address: 'ollama.internal', port: 80 });
    expect(serverOf('http://[::1]:11434/v1')).toEqual({ address: '::1', port: 11434 });
  });
});
