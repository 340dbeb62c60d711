import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, OPTIONS_TYPE } from './ai.module-definition.js';
import { AI_QUEUE } from './ai.constants.js';
import { resolveRoutesPath } from './ai.options.js';
import { aiProviders } from './ai.providers.js';
import { AiService } from './ai.service.js';
import { AiOrchestrator } from './ai.orchestrator.js';
import { createAiJobsController } from './ai-jobs.controller.js';
import { CacheAiResultExplorer } from './cache-ai-result.explorer.js';
import { AiJobsProcessor } from './jobs/ai-jobs.processor.js';
import { AiJobsService } from './jobs/ai-jobs.service.js';
import type { AiModuleExtras } from './interfaces/ai-module-options.interface.js';

/**
 * AI calls that survive 429s, respect RPM/TPM quotas across processes, cache and de-duplicate,
 * fall back between providers, run as async jobs and count cost. Inject AiService and AiJobsService.
 * @publicApi
 */
@Module({
  imports: [DiscoveryModule],
  providers: [...aiProviders, AiService, AiJobsService, AiJobsProcessor, AiOrchestrator, CacheAiResultExplorer],
  exports: [AiService, AiJobsService, AI_QUEUE],
})
export class AiModule extends ConfigurableModuleClass {
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withRoutes(super.forRoot(options), options.routes);
  }

  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withRoutes(super.forRootAsync(options), options.routes);
  }
}

function withRoutes(definition: DynamicModule, routes: AiModuleExtras['routes']): DynamicModule {
  const path = resolveRoutesPath(routes);
  return path === undefined ? definition : { ...definition, controllers: [createAiJobsController(path)] };
}
