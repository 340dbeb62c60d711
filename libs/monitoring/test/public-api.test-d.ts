// Compile-time tests of @aiwire/monitoring's public API, checked by `npm run lint` (tsc). The issue's
// snippet is here verbatim: it is a contract. A line marked `@ts-expect-error` must NOT compile.
import { Controller, Get, Module, UseInterceptors, type DynamicModule } from '@nestjs/common';
import {
  CacheKey,
  CacheTTL,
  CachingInterceptor,
  LoggingInterceptor,
  MonitoringConfigurationError,
  MonitoringModule,
  env,
  type MonitoringModuleOptions,
} from '@aiwire/monitoring';

// §1 of the issue, as written.
const monitoring = MonitoringModule.forRoot({
  redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },   // health, alert state, the caching interceptor
  logs: { level: 'info', pretty: process.env.NODE_ENV !== 'production' },
  metrics: { path: '/metrics' },
  health: { path: '/health' },
  tracing: true,                                   // spans through @opentelemetry/api when present
  admin: { path: '/admin', basicAuth: { user: 'admin', password: env('ADMIN_PASSWORD') } },
  alerts: {
    channel: { kind: 'slack', connector: 'slack', channel: '#alerts' },   // or { kind: 'webhook', url, secret }
    rules: [
      { name: 'webhook-401s', when: { metric: 'webhook_rejected', reason: 'signature', over: '5m', above: 10 } },
      { name: 'dead-letters', when: { deadLetters: { above: 0 } } },
      { name: 'ai-spend', when: { aiCostUsd: { per: '1d', above: 50 } } },
    ],
  },
});
expectTypeOf(monitoring).toEqualTypeOf<DynamicModule>();

@Controller('products')
@UseInterceptors(LoggingInterceptor)                 // on host controllers
class ProductsController {
  @Get()
  @UseInterceptors(CachingInterceptor) @CacheTTL(60)   // Redis, per route + query + user
  list(): string[] {
    return [];
  }

  @Get('featured')
  @UseInterceptors(CachingInterceptor) @CacheKey('featured') @CacheTTL(() => 30)
  featured(): string[] {
    return [];
  }
}

@Module({ imports: [monitoring], controllers: [ProductsController] })
export class HostModule {}

// forRootAsync, and every part optional.
expectTypeOf(MonitoringModule.forRootAsync({ useFactory: (): MonitoringModuleOptions => ({ metrics: true }) })).toEqualTypeOf<DynamicModule>();
expectTypeOf(MonitoringModule.forRoot({})).toEqualTypeOf<DynamicModule>();
expectTypeOf(MonitoringModule.forRoot({ alerts: { channel: { kind: 'webhook', url: 'https://ops.example.com/hooks', secret: 'whsec_x' }, rules: [] } })).toEqualTypeOf<DynamicModule>();
expectTypeOf(new MonitoringConfigurationError('x')).toMatchTypeOf<Error>();

// @ts-expect-error an unknown log level
MonitoringModule.forRoot({ logs: { level: 'verbose' } });
// @ts-expect-error an alert channel of an unknown kind
MonitoringModule.forRoot({ alerts: { channel: { kind: 'pager' }, rules: [] } });
