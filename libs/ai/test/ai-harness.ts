import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Sandbox } from '@aiwire/sandbox';
import { AiJobsService, AiModule, AiService, type AiModuleExtras, type AiModuleOptions, type ProviderOptions } from '@aiwire/ai';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';

export interface AiHarness {
  readonly app: INestApplicationContext;
  readonly ai: AiService;
  readonly jobs: AiJobsService;
  readonly logs: CapturingLogger;
  /** The Redis key prefix of this harness (module keys and the Bull queue). */
  readonly prefix: string;
  close(): Promise<void>;
}

export type HarnessOptions = Omit<AiModuleOptions, 'redis'> & { redis?: AiModuleOptions['redis'] };

/** Fast retries so tests that exercise them stay short. */
export const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 2000, timeoutMs: 2000, deadlineMs: 15_000 } as const;

/** Boots AiModule.forRoot in an application context, on its own Redis prefix (deleted on close). */
export async function startAi(options: HarnessOptions, extras: AiModuleExtras = {}): Promise<AiHarness> {
  const prefix = uniquePrefix('ai');
  const dynamic = AiModule.forRoot({
    redis: { url: REDIS_URL },
    keyPrefix: prefix,
    ...options,
    jobs: { queuePrefix: prefix, ...options.jobs },
    ...extras,
  });
  @Module({ imports: [dynamic] })
  class AppModule {}
  const logs = new CapturingLogger();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: logs, abortOnError: false });
  return {
    app,
    ai: app.get(AiService),
    jobs: app.get(AiJobsService),
    logs,
    prefix,
    async close() {
      await app.close();
      await deleteKeys(prefix);
    },
  };
}

/** Providers pointing at the sandbox stand-ins, with its keys. */
export function sandboxProviders(sandbox: Sandbox): { openai: ProviderOptions; claude: ProviderOptions; local: ProviderOptions } {
  return {
    openai: { kind: 'openai', apiKey: sandbox.credentials.openaiApiKey, baseURL: `${sandbox.urls.openai}/v1` },
    claude: { kind: 'anthropic', apiKey: sandbox.credentials.anthropicApiKey, baseURL: sandbox.urls.anthropic },
    local: { kind: 'local' },
  };
}

/** Messages with one user line. */
export const ask = (content: string) => [{ role: 'user' as const, content }];
