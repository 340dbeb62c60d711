import { Module, type DynamicModule } from '@nestjs/common';
import { WebhookModule } from '@aiwire/webhooks';
import { AiModule } from '@aiwire/ai';
import { ConnectorsModule, WebhookRegistrar } from '@aiwire/connectors';
import { SHOP_CONFIG, type ShopConfig } from './shop.config.js';
import { connectorsOptions } from './connectors.options.js';
import { webhookOptions } from './webhooks.options.js';
import { InsightsStore } from './insights/insights.store.js';
import { InsightsController } from './insights/insights.controller.js';
import { CrmService } from './crm/crm.service.js';
import { RecommendationService } from './recommendations/recommendation.service.js';
import { RecommendationHandlers } from './recommendations/recommendation.handlers.js';
import { ReviewHandlers } from './reviews/review.handlers.js';
import { FraudHandlers } from './fraud/fraud.handlers.js';
import { PaymentHandlers } from './payments/payment.handlers.js';
import { SupportHandlers } from './support/support.handlers.js';
import { HelpdeskSubscription } from './integrations/helpdesk-subscription.js';

/** The shop: four aiwire modules and five workflows, configured from `ShopConfig`. */
@Module({})
export class AppModule {
  static register(config: ShopConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConnectorsModule.forRoot({ ...connectorsOptions(config), isGlobal: true }),
        AiModule.forRoot({
          redis: { url: config.redisUrl },
          keyPrefix: `${config.keyPrefix}:ai`,
          providers: {
            openai: { kind: 'openai', apiKey: config.ai.openaiApiKey, baseURL: config.ai.openaiBaseUrl },
            claude: { kind: 'anthropic', apiKey: config.ai.anthropicApiKey, baseURL: config.ai.anthropicBaseUrl },
            local: { kind: 'local' },
          },
          defaultProvider: 'openai',
          fallback: ['openai', 'claude', 'local'],
          cache: { ttlSeconds: 86_400 },
          jobs: { queuePrefix: config.keyPrefix },
        }),
        WebhookModule.forRootAsync({
          inject: [WebhookRegistrar],
          // Stripe issues the signing secret when we subscribe, so the sources wait for the registrar.
          useFactory: (registrar: WebhookRegistrar) => webhookOptions(config, registrar),
        }),
      ],
      controllers: [InsightsController],
      providers: [
        { provide: SHOP_CONFIG, useValue: config },
        InsightsStore, CrmService, RecommendationService, HelpdeskSubscription,
        RecommendationHandlers, ReviewHandlers, FraudHandlers, PaymentHandlers, SupportHandlers,
      ],
    };
  }
}
