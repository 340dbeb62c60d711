import { Module, type DynamicModule } from '@nestjs/common';
import { WebhookModule } from '@aiwire/webhooks';
import { AiModule } from '@aiwire/ai';
import { ConnectorsModule, WebhookRegistrar } from '@aiwire/connectors';
import { FlowsModule } from '@aiwire/flows';
import { MonitoringModule } from '@aiwire/monitoring';
import type { ShopConfig } from './shop.config.js';
import { connectorsOptions } from './connectors.options.js';
import { webhookOptions } from './webhooks.options.js';
import { DatabaseModule } from './db/database.module.js';
import { ShopModule } from './shop/shop.module.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { FraudModule } from './fraud/fraud.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { SupportModule } from './support/support.module.js';
import { StockModule } from './stock/stock.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';

/**
 * The shop: the five aiwire modules, its database, and one module per flow, configured from
 * `ShopConfig`. The same module runs in every role; `config.workers` decides whether this process
 * runs the Bull workers (webhook handlers, flows, AI jobs), `config.http` whether it listens.
 */
@Module({})
export class AppModule {
  static register(config: ShopConfig): DynamicModule {
    const redis = { url: config.redisUrl };
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(config.database),
        ShopModule.register(config),
        ConnectorsModule.forRoot({ ...connectorsOptions(config), isGlobal: true }),
        AiModule.forRoot({
          redis,
          keyPrefix: `${config.keyPrefix}:ai`,
          providers: {
            openai: { kind: 'openai', apiKey: config.ai.openaiApiKey, baseURL: config.ai.openaiBaseUrl },
            claude: { kind: 'anthropic', apiKey: config.ai.anthropicApiKey, baseURL: config.ai.anthropicBaseUrl },
            local: { kind: 'local' },
          },
          defaultProvider: 'openai',
          fallback: ['openai', 'claude', 'local'],
          cache: { ttlSeconds: 86_400 },
          jobs: { queuePrefix: config.keyPrefix, workers: config.workers },
          isGlobal: true,
        }),
        WebhookModule.forRootAsync({
          inject: [WebhookRegistrar],
          // Stripe issues the signing secret when we subscribe, so the sources wait for the registrar.
          useFactory: (registrar: WebhookRegistrar) => webhookOptions(config, registrar),
          isGlobal: true,
        }),
        FlowsModule.forRoot({ redis, keyPrefix: `${config.keyPrefix}:flows`, queue: { prefix: config.keyPrefix }, workers: config.workers }),
        MonitoringModule.forRoot({
          redis,
          keyPrefix: `${config.keyPrefix}:monitoring`,
          logs: { level: config.logLevel },
          metrics: { path: '/metrics' },
          health: { path: '/health' },
          // The admin (queues, dead letters, flow runs) is never served open: without ADMIN_PASSWORD it is off.
          ...(config.adminPassword && { admin: { path: '/admin', basicAuth: { user: 'admin', password: config.adminPassword } } }),
        }),
        RecommendationsModule, ReviewsModule, FraudModule, PaymentsModule, SupportModule, StockModule, DashboardModule,
      ],
    };
  }
}
