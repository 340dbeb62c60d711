import { IsArray, IsIn, IsNumber, IsString, Max, Min } from 'class-validator';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiUnavailableError, type ChatResult } from '@aiwire/ai';
import { FAST_RETRY, ask, sandboxProviders, startAi, type AiHarness } from './ai-harness.js';

class SentimentDto {
  @IsIn(['positive', 'neutral', 'negative']) label!: string;
  @IsNumber() @Min(-1) @Max(1) score!: number;
  @IsString() language!: string;
}

class TopicsDto {
  @IsArray() @IsString({ each: true }) topics!: string[];
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

  it('anthropic: retries a 200 whose body is not JSON and its 500 api_error, then serves; gives up after maxRetries', async () => {
    // Ten failures in a row here: the circuit must not open in between.
    const patient = await startAi({ providers: sandboxProviders(sandbox), retry: FAST_RETRY, circuit: { failureThreshold: 20 }, jobs: { workers: false } });
    try {
      sandbox.faults.inject('anthropic', { status: 200 });
      sandbox.faults.inject('anthropic', { status: 500 });
      const ok = await patient.ai.chat({ provider: 'claude', messages: ask('after two broken answers'), fallback: false });
      expect(ok).toMatchObject({ provider: 'claude', text: 'Echo: after two broken answers', attempts: 3 });
      expect(sandbox.state.requests.filter('anthropic').map((r) => r.status)).toEqual([200, 500, 200]);
      sandbox.faults.inject('anthropic', { status: 500, times: 4 });
      const error = await patient.ai.chat({ provider: 'claude', messages: ask('always broken'), fallback: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AiUnavailableError);
      expect((error as AiUnavailableError).failures).toEqual([{ provider: 'claude', reason: 'retries_exhausted', attempts: 4, status: 500, message: expect.stringContaining('claude answered 500 api_error: Internal server error') }]);
      sandbox.faults.inject('anthropic', { status: 200, times: 4 });
      const broken = await patient.ai.chat({ provider: 'claude', messages: ask('never JSON'), fallback: false }).catch((e: unknown) => e);
      expect((broken as AiUnavailableError).failures).toEqual([{ provider: 'claude', reason: 'retries_exhausted', attempts: 4, message: expect.stringContaining('unusable response body') }]);
    } finally {
      await patient.close();
    }
  });

  it('module prices replace the defaults end to end: costUsd follows them, dated snapshots and custom models included', async () => {
    sandbox.state.openai.models.add('ft:gpt-4o-mini:acme');
    const priced = await startAi({
      providers: sandboxProviders(sandbox),
      defaultProvider: 'openai',
      prices: { 'gpt-4o-mini': { inputPerMTok: 100, outputPerMTok: 1000 }, 'ft:gpt-4o-mini:acme': { inputPerMTok: 3, outputPerMTok: 12 } },
      retry: FAST_RETRY,
      jobs: { workers: false },
    });
    try {
      const dated = await priced.ai.chat({ messages: ask('price me'), model: 'gpt-4o-mini' });
      expect(dated.model).toBe('gpt-4o-mini-2024-07-18');
      expect(dated.costUsd).toBeCloseTo((dated.usage.inputTokens * 100 + dated.usage.outputTokens * 1000) / 1e6, 12);
      const custom = await priced.ai.chat({ messages: ask('price me'), model: 'ft:gpt-4o-mini:acme' });
      expect(custom.costUsd).toBeCloseTo((custom.usage.inputTokens * 3 + custom.usage.outputTokens * 12) / 1e6, 12);
      // Models the override does not name keep their list price.
      const claude = await priced.ai.chat({ provider: 'claude', messages: ask('price me') });
      expect(claude.costUsd).toBeCloseTo((claude.usage.inputTokens * 1 + claude.usage.outputTokens * 5) / 1e6, 12);
    } finally {
      await priced.close();
    }
  });

  it('task helpers take a last { provider, model }: the model reaches the upstream, each helper goes where it is told', async () => {
    sandbox.state.openai.answers.push({ label: 'positive', score: 0.5, language: 'en' });
    expect(await h.ai.sentiment('Lovely', { model: 'gpt-4.1' })).toEqual({ label: 'positive', score: 0.5, language: 'en' });
    expect(sandbox.state.openai.completions.at(-1)?.body.model).toBe('gpt-4.1');
    sandbox.state.anthropic.answers.push({ label: 'billing', confidence: 0.8 });
    expect(await h.ai.classify('Charged twice', ['billing', 'shipping'], { provider: 'claude', model: 'claude-sonnet-4-5' })).toEqual({ label: 'billing', confidence: 0.8 });
    expect(sandbox.state.anthropic.messages.at(-1)?.body.model).toBe('claude-sonnet-4-5');
    sandbox.state.anthropic.answers.push({ topics: ['late delivery'] });
    const topics = await h.ai.extract('It came late.', TopicsDto, { provider: 'claude' });
    expect(topics).toBeInstanceOf(TopicsDto);
    expect(topics.topics).toEqual(['late delivery']);
    expect(sandbox.state.anthropic.messages.at(-1)?.body).toMatchObject({ model: 'claude-haiku-4-5', tool_choice: { type: 'tool', name: 'TopicsDto' } });
    sandbox.state.anthropic.answers.push('A short summary.');
    expect(await h.ai.summarize('The parcel was late. The box was torn. '.repeat(5), { provider: 'claude', maxWords: 5 })).toBe('A short summary.');
    expect(sandbox.state.anthropic.messages.at(-1)?.body).toMatchObject({ model: 'claude-haiku-4-5', max_tokens: 33 });
    const upstream = sandbox.state.requests.entries.length;
    expect(await h.ai.summarize('The parcel was late. The box was torn and wet. Support never answered my emails.', { provider: 'local', maxWords: 8 })).toMatch(/\w/);
    expect(sandbox.state.requests.entries.length).toBe(upstream);
    expect([sandbox.state.openai.completions.length, sandbox.state.anthropic.messages.length]).toEqual([1, 3]);
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
