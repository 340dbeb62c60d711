// Compile-time tests of @aiwire/ai's public API, checked by `npm run lint` (tsc). A line marked
// `@ts-expect-error` must NOT compile; if it ever does, tsc fails on the unused directive.
import type { DynamicModule } from '@nestjs/common';
import type { Queue } from 'bull';
import { Cluster, Redis } from 'ioredis';
import {
  AI_QUEUE,
  AI_QUEUE_NAME,
  AiConfigurationError,
  AiJobsService,
  AiModule,
  AiNetworkError,
  AiOutputValidationError,
  AiProviderError,
  AiResponseValidationError,
  AiService,
  AiTimeoutError,
  AiUnavailableError,
  BudgetExceededError,
  CacheAiResult,
  CircuitOpenError,
  DEFAULT_PRICES,
  LOCAL_LANGUAGES,
  LOCAL_MAX_INPUT_CHARS,
  ProviderCapabilityError,
  RateLimitTimeoutError,
  RedisConfigurationError,
  SsrfBlockedError,
  requestChannel,
  type AiJob,
  type AiModuleOptions,
  type AiRequestMessage,
  type ChatRequest,
  type ChatResult,
  type ClassificationResult,
  type ModelPrice,
  type ProviderFailure,
  type SentimentResult,
} from '@aiwire/ai';

declare const cluster: Cluster;
declare const redis: Redis;
const providers = { openai: { kind: 'openai', apiKey: 'sk-test' }, local: { kind: 'local' } } as const;

// forRoot: one Redis (URL, options or a client), a Redis Cluster (node list or instance), and the extras.
expectTypeOf(AiModule.forRoot({ redis: { url: 'redis://127.0.0.1:6379' }, providers })).toEqualTypeOf<DynamicModule>();
AiModule.forRoot({ redis: { cluster: { nodes: ['redis://127.0.0.1:7000', 'redis://127.0.0.1:7001'] } }, providers, keyPrefix: '{shop}:ai', jobs: { queuePrefix: '{shop}' } });
AiModule.forRoot({ redis: { cluster: { nodes: [{ host: '127.0.0.1', port: 7000 }], options: { redisOptions: { password: 'p' } } } }, providers });
AiModule.forRoot({ redis: cluster, providers, isGlobal: true, routes: { path: 'ai' } });
AiModule.forRoot({
  redis: redis,
  providers: {
    openai: { kind: 'openai', apiKey: 'k', baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3', maxTokensParam: 'max_tokens', reservedOutputTokens: 512, headers: { 'x-a': 'b' } },
    claude: { kind: 'anthropic', apiKey: 'k', maxTokens: 2048, structuredOutput: 'output_config' },
    local: { kind: 'local', labels: { billing: { keywords: ['invoice'] } } },
  },
  defaultProvider: 'openai',
  fallback: ['claude', 'local'],
  limits: { openai: { rpm: 500, tpm: 200_000, maxWaitMs: 5_000, dailyBudgetUsd: 10 } },
  cache: { ttlSeconds: 60, lockTtlMs: 10_000 },
  retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 5_000, timeoutMs: 30_000, deadlineMs: 60_000 },
  circuit: { failureThreshold: 3, windowMs: 10_000, cooldownMs: 5_000 },
  jobs: { callbackSecret: 'whsec_x', callbackAllowHosts: ['hooks.internal:8443'], workers: false, concurrency: 2, resultTtlSeconds: 60, callbackAttempts: 3, callbackBackoffMs: 100, callbackTimeoutMs: 1_000 },
  prices: { 'my-model': { inputPerMTok: 1, outputPerMTok: 2 } },
});
expectTypeOf(AiModule.forRootAsync({ useFactory: (): AiModuleOptions => ({ redis: { cluster: { nodes: ['redis://10.0.0.1:6379'] } }, providers }), routes: true })).toEqualTypeOf<DynamicModule>();
AiModule.forRootAsync({ inject: ['CONFIG'], useFactory: async (url: string) => ({ redis: { url }, providers }) });
expectTypeOf<Parameters<typeof AiModule.forRoot>[0]>().toExtend<AiModuleOptions>();
expectTypeOf<AiModuleOptions['redis']>().toExtend<object>();

// Wrong option shapes.
// @ts-expect-error redis is required
AiModule.forRoot({ providers });
// @ts-expect-error cluster.nodes is a list of URLs or { host, port }
AiModule.forRoot({ redis: { cluster: { nodes: 'redis://127.0.0.1:7000' } }, providers });
// @ts-expect-error a cluster needs its nodes
AiModule.forRoot({ redis: { cluster: {} }, providers });
// @ts-expect-error an unknown provider kind
AiModule.forRoot({ redis: { url: 'redis://x' }, providers: { g: { kind: 'gemini' } } });
// @ts-expect-error a local provider takes no apiKey
AiModule.forRoot({ redis: { url: 'redis://x' }, providers: { l: { kind: 'local', apiKey: 'k' } } });
// @ts-expect-error jobs.queuePrefix is a string
AiModule.forRoot({ redis: { url: 'redis://x' }, providers, jobs: { queuePrefix: 1 } });
// @ts-expect-error the async factory resolves the options, never a bare connection
AiModule.forRootAsync({ useFactory: () => ({ url: 'redis://x' }) });

// AiService: chat is generic in its structured output; the task helpers have fixed shapes.
declare const ai: AiService;
class Pick {
  label!: 'a' | 'b';
}
expectTypeOf(ai.chat({ messages: [{ role: 'user', content: 'hi' }] })).toEqualTypeOf<Promise<ChatResult<unknown>>>();
expectTypeOf(ai.chat({ messages: [{ role: 'user', content: 'hi' }], schema: Pick })).toEqualTypeOf<Promise<ChatResult<Pick>>>();
expectTypeOf(ai.sentiment).toEqualTypeOf<(text: string, options?: { language?: string; provider?: string; model?: string }) => Promise<SentimentResult>>();
expectTypeOf(ai.classify).parameters.toEqualTypeOf<[text: string, labels: readonly string[], options?: { provider?: string; model?: string }]>();
expectTypeOf(ai.classify).returns.toEqualTypeOf<Promise<ClassificationResult>>();
expectTypeOf(ai.extract('text', Pick)).toEqualTypeOf<Promise<Pick>>();
expectTypeOf(ai.summarize).returns.toEqualTypeOf<Promise<string>>();
expectTypeOf<ChatResult<Pick>['json']>().toEqualTypeOf<Pick | undefined>();
expectTypeOf<SentimentResult['label']>().toEqualTypeOf<'positive' | 'neutral' | 'negative'>();
// @ts-expect-error a message role is system, user or assistant
ai.chat({ messages: [{ role: 'robot', content: 'x' }] });
// @ts-expect-error classify needs its labels
void ai.classify('text');
// @ts-expect-error cache is a boolean or { ttlSeconds }
ai.chat({ messages: [{ role: 'user', content: 'x' }], cache: 60 });

// AiJobsService.
declare const jobs: AiJobsService;
expectTypeOf(jobs.submit).parameters.toExtend<[ChatRequest, { callbackUrl?: string; jobId?: string }?]>();
expectTypeOf(jobs.submit).returns.toEqualTypeOf<Promise<{ jobId: string }>>();
expectTypeOf(jobs.get).returns.toEqualTypeOf<Promise<AiJob | undefined>>();
expectTypeOf<AiJob['status']>().toEqualTypeOf<'queued' | 'running' | 'completed' | 'failed'>();

// Errors: all Errors, with the fields callers branch on.
type Errors = [AiConfigurationError, AiProviderError, AiNetworkError, AiTimeoutError, AiResponseValidationError, AiOutputValidationError, ProviderCapabilityError, BudgetExceededError, AiUnavailableError, RedisConfigurationError, SsrfBlockedError, RateLimitTimeoutError, CircuitOpenError];
expectTypeOf<Errors[number]>().toExtend<Error>();
expectTypeOf<AiConfigurationError['name']>().toEqualTypeOf<'AiConfigurationError'>();
expectTypeOf<AiUnavailableError['failures']>().toEqualTypeOf<readonly ProviderFailure[]>();
expectTypeOf<AiProviderError['status']>().toEqualTypeOf<number>();
expectTypeOf<AiProviderError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
expectTypeOf<AiTimeoutError['kind']>().toEqualTypeOf<'attempt' | 'deadline'>();
expectTypeOf<BudgetExceededError['budgetUsd']>().toEqualTypeOf<number>();
expectTypeOf<RedisConfigurationError['problem']>().toExtend<string>();

// Constants, decorator, channels.
expectTypeOf<typeof AI_QUEUE_NAME>().toEqualTypeOf<'ai'>();
expectTypeOf(AI_QUEUE).toBeSymbol();
expectTypeOf<Queue>().toBeObject();
expectTypeOf<typeof LOCAL_MAX_INPUT_CHARS>().toEqualTypeOf<50_000>();
expectTypeOf(LOCAL_LANGUAGES).toEqualTypeOf<readonly ['en', 'fr', 'it', 'pl', 'da', 'ro']>();
expectTypeOf(DEFAULT_PRICES).toExtend<Readonly<Record<string, ModelPrice>>>();
expectTypeOf(CacheAiResult({ ttlSeconds: 60, key: 'recs', lockTtlMs: 1000, waitMs: 500 })).toEqualTypeOf<MethodDecorator>();
expectTypeOf(CacheAiResult.KEY).toEqualTypeOf<string>();
// @ts-expect-error ttlSeconds is a number
CacheAiResult({ ttlSeconds: '60' });
expectTypeOf(requestChannel.subscribe).parameter(0).parameter(0).toEqualTypeOf<AiRequestMessage>();
