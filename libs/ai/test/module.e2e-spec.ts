import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsArray, IsIn, IsNumber, IsString, Max, Min } from 'class-validator';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiConfigurationError, AiJobsService, AiModule, AiService, attemptChannel, requestChannel, type AiAttemptMessage, type AiModuleOptions, type AiRequestMessage } from '@aiwire/ai';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';

class SentimentDto {
  @IsIn(['positive', 'neutral', 'negative']) label!: string;
  @IsNumber() @Min(-1) @Max(1) score!: number;
  @IsString() language!: string;
}

class TopicsDto {
  @IsArray() @IsString({ each: true }) topics!: string[];
}

describe('AiModule', () => {
  let sandbox: Sandbox;
  let prefix: string;
  let saved: NodeJS.ProcessEnv;

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
    prefix = uniquePrefix('ai-mod');
    saved = { ...process.env };
    process.env.OPENAI_API_KEY = sandbox.credentials.openaiApiKey;
    process.env.OPENAI_BASE_URL = `${sandbox.urls.openai}/v1`;
    process.env.ANTHROPIC_API_KEY = sandbox.credentials.anthropicApiKey;
    process.env.ANTHROPIC_BASE_URL = sandbox.urls.anthropic;
    process.env.AI_CALLBACK_SECRET = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=';
  });
  afterEach(async () => {
    process.env = saved;
    await sandbox.close();
    await deleteKeys(prefix);
  });

  it('works exactly as the issue writes it (forRoot)', async () => {
    @Module({
      imports: [
        AiModule.forRoot({
          redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
          providers: {
            openai: { kind: 'openai', apiKey: process.env.OPENAI_API_KEY, baseURL: process.env.OPENAI_BASE_URL },
            claude: { kind: 'anthropic', apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.env.ANTHROPIC_BASE_URL },
            ollama: { kind: 'openai', baseURL: 'http://127.0.0.1:11434/v1' },
            local: { kind: 'local' },
          },
          defaultProvider: 'openai',
          fallback: ['openai', 'claude', 'local'],
          limits: { openai: { rpm: 500, tpm: 200_000 } },
          cache: { ttlSeconds: 86_400 },
          jobs: { callbackSecret: process.env.AI_CALLBACK_SECRET, callbackAllowHosts: [], queuePrefix: prefix },
          keyPrefix: prefix,
        }),
      ],
    })
    class AppModule {}
    const logs = new CapturingLogger();
    const app = await NestFactory.createApplicationContext(AppModule, { logger: logs });
    const requests: AiRequestMessage[] = [];
    const attempts: AiAttemptMessage[] = [];
    const onRequest = (m: AiRequestMessage): void => void requests.push(m);
    const onAttempt = (m: AiAttemptMessage): void => void attempts.push(m);
    requestChannel.subscribe(onRequest);
    attemptChannel.subscribe(onAttempt);
    try {
      const ai = app.get(AiService);
      const aiJobs = app.get(AiJobsService);
      sandbox.state.openai.answers.push({ label: 'negative', score: -0.6, language: 'en' });
      const r = await ai.chat({
        messages: [{ role: 'system', content: 'You analyse customer feedback.' }, { role: 'user', content: 'Analyse this feedback' }],
        provider: 'openai',
        model: 'gpt-4o-mini',
        temperature: 0.2,
        maxTokens: 500,
        schema: SentimentDto,
      });
      expect(r).toMatchObject({ json: { label: 'negative', score: -0.6, language: 'en' }, provider: 'openai', model: 'gpt-4o-mini-2024-07-18', cached: false, attempts: 1 });
      expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['text', 'json', 'provider', 'model', 'usage', 'costUsd', 'cached', 'latencyMs', 'attempts']));

      sandbox.state.openai.answers.push({ label: 'positive', score: 0.8, language: 'en' });
      expect(await ai.sentiment('Great service!')).toEqual({ label: 'positive', score: 0.8, language: 'en' });
      sandbox.state.openai.answers.push({ label: 'shipping', confidence: 0.9 });
      expect(await ai.classify('Where is my parcel?', ['billing', 'shipping', 'product', 'other'])).toEqual({ label: 'shipping', confidence: 0.9 });
      sandbox.state.openai.answers.push({ topics: ['delivery', 'packaging'] });
      const topics = await ai.extract('The delivery was late and the packaging torn.', TopicsDto);
      expect(topics).toBeInstanceOf(TopicsDto);
      expect(topics.topics).toEqual(['delivery', 'packaging']);
      sandbox.state.openai.answers.push('A short summary of the text that goes on for far too many words to be allowed here');
      expect(await ai.summarize('Long text. '.repeat(50), { maxWords: 6 })).toBe('A short summary of the text…');
      // Every task helper takes a last { provider, model }.
      expect((await ai.sentiment('Terrible, I hate it', { provider: 'local' })).label).toBe('negative');
      expect(await ai.classify('I was charged twice on my invoice', ['billing', 'shipping', 'product', 'other'], { provider: 'local' })).toMatchObject({ label: 'billing' });

      const { jobId } = await aiJobs.submit({ messages: [{ role: 'user', content: 'queued' }] });
      expect((await aiJobs.get(jobId))?.jobId).toBe(jobId);

      // Diagnostics carry the OpenTelemetry GenAI attribute names; nothing secret reaches them or the logs.
      const first = requests[0];
      expect(first?.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.request.temperature': 0.2,
        'gen_ai.request.max_tokens': 500,
        'gen_ai.output.type': 'json',
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': r.usage.inputTokens,
        'gen_ai.usage.output_tokens': r.usage.outputTokens,
        'gen_ai.response.id': r.responseId,
        // From the provider's baseURL.
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(sandbox.urls.openai).port),
      });
      expect(first).toMatchObject({ provider: 'openai', outcome: 'success', cached: false, attempts: 1, costUsd: r.costUsd });
      expect(attempts.find((a) => a.provider === 'local')?.attributes['gen_ai.provider.name']).toBe('aiwire.local');
      expect(attempts.find((a) => a.provider === 'local')?.attributes).not.toHaveProperty('server.address');
      const everything = JSON.stringify([requests, attempts]) + logs.text();
      for (const secret of [sandbox.credentials.openaiApiKey, sandbox.credentials.anthropicApiKey, process.env.AI_CALLBACK_SECRET ?? '']) expect(everything).not.toContain(secret);
    } finally {
      requestChannel.unsubscribe(onRequest);
      attemptChannel.unsubscribe(onAttempt);
      await app.close();
    }
  });

  it('forRootAsync takes its options from a factory with injected config', async () => {
    const CONFIG = Symbol('config');
    @Module({ providers: [{ provide: CONFIG, useValue: { key: sandbox.credentials.anthropicApiKey, url: sandbox.urls.anthropic } }], exports: [CONFIG] })
    class ConfigModule {}
    @Injectable()
    class Reviews {
      constructor(@Inject(AiService) readonly ai: AiService) {}
    }
    @Module({
      imports: [
        AiModule.forRootAsync({
          imports: [ConfigModule],
          inject: [CONFIG],
          useFactory: async (config: { key: string; url: string }) => ({
            redis: { url: REDIS_URL },
            keyPrefix: prefix,
            providers: { claude: { kind: 'anthropic' as const, apiKey: config.key, baseURL: config.url } },
            jobs: { queuePrefix: prefix, workers: false },
          }),
          isGlobal: true,
        }),
      ],
      providers: [Reviews],
    })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: new CapturingLogger() });
    try {
      const r = await app.get(Reviews).ai.chat({ messages: [{ role: 'user', content: 'async config' }] });
      expect(r).toMatchObject({ provider: 'claude', text: 'Echo: async config' });
    } finally {
      await app.close();
    }
  });

  it.each([
    [{ providers: { x: { kind: 'gemini' } } }, 'AI provider "x" has kind "gemini"'],
    [{ providers: { local: { kind: 'local' } }, fallback: ['openai'] }, 'AI provider "openai" is not configured'],
    [{ providers: { local: { kind: 'local' } }, defaultProvider: 'claude' }, 'AI provider "claude" is not configured'],
    [{ providers: { local: { kind: 'local' } }, limits: { openai: { rpm: 1 } } }, 'AI provider "openai" is not configured'],
  ])('refuses a wrong configuration at startup: %j', async (options, message) => {
    @Module({ imports: [AiModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, jobs: { queuePrefix: prefix, workers: false }, ...(options as unknown as Pick<AiModuleOptions, 'providers'>) })] })
    class AppModule {}
    const error = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiConfigurationError);
    expect((error as Error).message).toContain(message);
  });

  it('refuses invalid call arguments with a message that says what to fix', async () => {
    @Module({ imports: [AiModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, providers: { local: { kind: 'local' } }, jobs: { queuePrefix: prefix, workers: false } })] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      const ai = app.get(AiService);
      await expect(ai.chat({ messages: [{ role: 'robot' as 'user', content: 'x' }] })).rejects.toThrow('messages[0].role must be system, user or assistant');
      await expect(ai.chat({ messages: [{ role: 'user', content: 'x' }], temperature: 5 })).rejects.toThrow('temperature must be between 0 and 2');
      await expect(ai.chat({ messages: [{ role: 'user', content: 'x' }], maxTokens: 0 })).rejects.toThrow('maxTokens must be a positive integer');
      await expect(ai.chat({ messages: [{ role: 'system', content: 'x' }] })).rejects.toThrow('at least one user message');
      await expect(ai.sentiment('  ')).rejects.toThrow('text must be a non-empty string');
      await expect(ai.classify('x', ['only'])).rejects.toThrow('at least two');
      await expect(ai.classify('x', ['a', 'a'])).rejects.toThrow('distinct');
      class Empty {}
      await expect(ai.chat({ messages: [{ role: 'user', content: 'x' }], schema: Empty })).rejects.toThrow('has no class-validator decorators');
    } finally {
      await app.close();
    }
  });
});
