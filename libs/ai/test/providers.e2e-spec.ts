import { IsIn, IsNumber, IsString, Max, Min } from 'class-validator';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiUnavailableError, type ChatResult } from '@aiwire/ai';
import { FAST_RETRY, ask, sandboxProviders, startAi, type AiHarness } from './ai-harness.js';

class SentimentDto {
  @IsIn(['positive', 'neutral', 'negative']) label!: string;
  @IsNumber() @Min(-1) @Max(1) score!: number;
  @IsString() language!: string;
}

describe('providers against the OpenAI and Anthropic stand-ins', () => {
  let sandbox: Sandbox;
  let h: AiHarness;

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
    h = await startAi({ providers: sandboxProviders(sandbox), defaultProvider: 'openai', retry: FAST_RETRY });
  });
  afterEach(async () => {
    await h.close();
    await sandbox.close();
  });

  it('openai: text, usage, the dated model, cost from the price table and the request it sent', async () => {
    const r = await h.ai.chat({ messages: [{ role: 'system', content: 'Be brief.' }, ...ask('hello there')], model: 'gpt-4o-mini', temperature: 0.2, maxTokens: 50 });
    expect(r).toMatchObject({ text: 'Echo: hello there', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', usage: { inputTokens: 17, outputTokens: 5 }, cached: false, attempts: 1, finishReason: 'stop', fallbacks: [] });
    expect(r.costUsd).toBeCloseTo((17 * 0.15 + 5 * 0.6) / 1e6, 12);
    expect(r.responseId).toMatch(/^chatcmpl-/);
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    // A custom baseURL (Ollama, vLLM, ...) gets `max_tokens`; OpenAI's own URL gets max_completion_tokens.
    expect(sandbox.state.openai.completions[0]?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello there' }],
      temperature: 0.2,
      max_tokens: 50,
    });
  });

  it('openai: structured output from a class-validator class becomes a validated instance', async () => {
    sandbox.state.openai.answers.push({ label: 'negative', score: -0.7, language: 'en' });
    const r: ChatResult<SentimentDto> = await h.ai.chat({ messages: ask('Analyse this feedback: awful'), schema: SentimentDto });
    expect(r.json).toBeInstanceOf(SentimentDto);
    expect(r.json).toEqual({ label: 'negative', score: -0.7, language: 'en' });
    const format = sandbox.state.openai.completions[0]?.body.response_format as { type: string; json_schema: { name: string; schema: { properties: object }; strict: boolean } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('SentimentDto');
    expect(Object.keys(format.json_schema.schema.properties).sort()).toEqual(['label', 'language', 'score']);
  });

  it('openai: a JSON Schema with a non-object root travels wrapped and comes back unwrapped', async () => {
    sandbox.state.openai.answers.push({ value: ['a', 'b'] });
    const r = await h.ai.chat({ messages: ask('list two letters'), schema: { type: 'array', items: { type: 'string' } } });
    expect(r.json).toEqual(['a', 'b']);
  });

  it('anthropic: system moves to `system`, structured output by a forced tool, usage and cost', async () => {
    sandbox.state.anthropic.answers.push({ label: 'positive', score: 0.9, language: 'fr' });
    const r = await h.ai.chat({ provider: 'claude', messages: [{ role: 'system', content: 'Rate it.' }, ...ask("J'adore")], schema: SentimentDto });
    expect(r).toMatchObject({ provider: 'claude', model: 'claude-haiku-4-5', finishReason: 'tool', json: { label: 'positive', score: 0.9, language: 'fr' } });
    expect(r.costUsd).toBeCloseTo((r.usage.inputTokens * 1 + r.usage.outputTokens * 5) / 1e6, 12);
    const body = sandbox.state.anthropic.messages[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'claude-haiku-4-5', max_tokens: 1024, system: 'Rate it.', messages: [{ role: 'user', content: "J'adore" }], tool_choice: { type: 'tool', name: 'SentimentDto' } });
    expect(sandbox.state.requests.filter('anthropic')[0]?.headers).toMatchObject({ 'anthropic-version': '2023-06-01', 'x-api-key': '[redacted]' });
  });

  it('retries a 200 whose body is not JSON, then gives up on that provider with retries_exhausted', async () => {
    sandbox.faults.inject('openai', { status: 200 });
    const ok = await h.ai.chat({ messages: ask('after one broken body'), fallback: false });
    expect(ok).toMatchObject({ text: 'Echo: after one broken body', attempts: 2 });
    sandbox.faults.inject('openai', { status: 200, times: 4 });
    const error = await h.ai.chat({ messages: ask('always broken'), fallback: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).failures).toEqual([{ provider: 'openai', reason: 'retries_exhausted', attempts: 4, message: expect.stringContaining('unusable response body') }]);
  });

  it('retries a structured answer that does not match the schema, and serves the next valid one', async () => {
    sandbox.state.openai.answers.push({ label: 'furious', score: 3, language: 'en' });
    sandbox.state.openai.answers.push({ label: 'neutral', score: 0, language: 'en' });
    const r = await h.ai.chat({ messages: ask('rate'), schema: SentimentDto, fallback: false });
    expect(r.json).toEqual({ label: 'neutral', score: 0, language: 'en' });
    expect(r.attempts).toBe(2);
  });

  it('reasoning models on OpenAI’s own URL get max_completion_tokens (the stand-in refuses max_tokens for them)', async () => {
    await h.close();
    h = await startAi({
      providers: { openai: { kind: 'openai', apiKey: sandbox.credentials.openaiApiKey, baseURL: `${sandbox.urls.openai}/v1`, maxTokensParam: 'max_completion_tokens', model: 'gpt-5-mini' } },
      retry: FAST_RETRY,
    });
    const r = await h.ai.chat({ messages: ask('hi'), maxTokens: 20 });
    expect(r.model).toBe('gpt-5-mini');
    expect(sandbox.state.openai.completions[0]?.body).toMatchObject({ max_completion_tokens: 20 });
  });
});
