import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConfigurableModuleClass } from './flows.module-definition.js';
import { FLOWS_QUEUE } from './flows.constants.js';
import { flowsProviders } from './flows.providers.js';
import { FlowsService } from './flows.service.js';

/**
 * Durable multi-step workflows on Bull: `@Flow` methods become runs whose steps run once, whose
 * sleeps and waits hold no worker, and which can be cancelled and replayed. Global by default.
 * @publicApi
 */
@Module({
  imports: [DiscoveryModule],
  providers: flowsProviders,
  exports: [FlowsService, FLOWS_QUEUE],
})
export class FlowsModule extends ConfigurableModuleClass {}
