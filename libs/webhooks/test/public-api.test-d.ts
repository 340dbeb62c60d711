// Compile-time tests of @aiwire/webhooks' public API, checked by `npm run lint` (tsc). A line
// marked `@ts-expect-error` must NOT compile; if it ever does, tsc fails on the unused directive.
import type { DynamicModule } from '@nestjs/common';
import { Cluster } from 'ioredis';
import * as api from '@aiwire/webhooks';
import {
  OnWebhook,
  WEBHOOK_HANDLER_METADATA,
  WEBHOOK_QUEUE,
  WEBHOOK_QUEUE_NAME,
  WebhookAdminService,
  WebhookConfigurationError,
  WebhookHandlerNotFoundError,
  WebhookModule,
  WebhookPayloadValidationError,
  WebhookSigningError,
  WebhookStoreUnavailableError,
  WebhookVerificationError,
  type DeadLetter,
  type OnWebhookOptions,
  type StoredWebhookEvent,
  type WebhookEvent,
  type WebhookModuleOptions,
  type WebhookScheme,
} from '@aiwire/webhooks';

declare const cluster: Cluster;
const sources = { stripe: { scheme: 'stripe', secrets: ['whsec_x'] } } as const;

// forRoot: one Redis, a Redis Cluster (node list or instance), and the options known at declaration.
expectTypeOf(WebhookModule.forRoot({ redis: { url: 'redis://127.0.0.1:6379' }, sources })).toEqualTypeOf<DynamicModule>();
WebhookModule.forRoot({ redis: { cluster: { nodes: ['redis://127.0.0.1:7000', 'redis://127.0.0.1:7001'] } }, sources, keyPrefix: '{app}:webhooks', queue: { prefix: '{app}' } });
WebhookModule.forRoot({ redis: { cluster: { nodes: [{ host: '127.0.0.1', port: 7000 }], options: { redisOptions: { password: 'p' } } } }, sources });
WebhookModule.forRoot({ redis: cluster, sources, prefix: 'hooks', mount: 'controller', isGlobal: true, workers: false, concurrency: 4, trustProxy: 1 });
WebhookModule.forRoot({
  redis: { host: '127.0.0.1', port: 6379 },
  sources: {
    shop: { scheme: 'shopify', secrets: ['s'], allowIps: ['192.0.2.0/24'], maxBodyBytes: 1024, maxJsonDepth: 32, rateLimit: { limit: 10, windowSeconds: 1 } },
    hooks: { scheme: 'hmac-sha256', secrets: ['s'], header: 'x-sig', encoding: 'base64', idHeader: 'x-id', storeHeaders: ['x-tenant-id'], dedupTtlSeconds: 60 },
  },
  attempts: 3, backoff: { delayMs: 100 }, storeTimeoutMs: 500, unavailableRetryAfterSeconds: 2,
  queue: { lockDurationMs: 1, stalledIntervalMs: 1, maxStalledCount: 1 },
});
expectTypeOf<Parameters<typeof WebhookModule.forRoot>[0]>().toExtend<WebhookModuleOptions>();

// forRootAsync: options from a factory; the route is declared up front, as it shapes controllers.
expectTypeOf(WebhookModule.forRootAsync({ useFactory: (): WebhookModuleOptions => ({ redis: { url: 'x' }, sources }), prefix: 'hooks', mount: 'server' })).toEqualTypeOf<DynamicModule>();
WebhookModule.forRootAsync({ inject: ['CONFIG'], useFactory: async (nodes: string[]) => ({ redis: { cluster: { nodes } }, sources }) });

// @ts-expect-error redis is required
WebhookModule.forRoot({ sources });
// @ts-expect-error sources are required
WebhookModule.forRoot({ redis: { url: 'x' } });
// @ts-expect-error a node list is an array
WebhookModule.forRoot({ redis: { cluster: { nodes: 'redis://127.0.0.1:7000' } }, sources });
// @ts-expect-error no such scheme
WebhookModule.forRoot({ redis: { url: 'x' }, sources: { paypal: { scheme: 'paypal', secrets: ['s'] } } });
// @ts-expect-error secrets are a list (rotation), not one string
WebhookModule.forRoot({ redis: { url: 'x' }, sources: { stripe: { scheme: 'stripe', secrets: 's' } } });
// @ts-expect-error mount is 'server' or 'controller'
WebhookModule.forRoot({ redis: { url: 'x' }, sources, mount: 'express' });
// @ts-expect-error the queue prefix is a string
WebhookModule.forRoot({ redis: { url: 'x' }, sources, queue: { prefix: 1 } });
// @ts-expect-error mount is chosen with forRootAsync's own options, from the same two values
WebhookModule.forRootAsync({ useFactory: () => ({ redis: { url: 'x' }, sources }), mount: 'fastify' });

// @OnWebhook: a type pattern, then optional source / dto / retry options; exposes its metadata key.
class PaymentDto { id!: string }
OnWebhook('payment_intent.*');
OnWebhook('orders/create', { source: 'shopify', dto: PaymentDto, attempts: 2, backoff: { delayMs: 10, maxDelayMs: 100 } });
expectTypeOf(OnWebhook('x')).toEqualTypeOf<MethodDecorator>();
expectTypeOf(OnWebhook.KEY).toBeString();
expectTypeOf(WEBHOOK_HANDLER_METADATA).toBeString();
expectTypeOf<OnWebhookOptions['source']>().toEqualTypeOf<string | undefined>();
// @ts-expect-error a dto is a class, not an instance
OnWebhook('x', { dto: { id: 'x' } });
// @ts-expect-error no such option
OnWebhook('x', { sources: ['stripe'] });
// @ts-expect-error the type pattern is required
OnWebhook();

// WebhookEvent: the payload type is the caller's; the rest is fixed and read-only.
expectTypeOf<WebhookEvent<PaymentDto>['payload']>().toEqualTypeOf<PaymentDto>();
expectTypeOf<WebhookEvent['payload']>().toBeUnknown();
expectTypeOf<WebhookEvent>().toHaveProperty('attempt').toBeNumber();
expectTypeOf<WebhookEvent['headers']>().toEqualTypeOf<Readonly<Record<string, string>>>();
expectTypeOf<StoredWebhookEvent>().not.toHaveProperty('attempt');
declare const event: WebhookEvent;
// @ts-expect-error events are read-only
event.id = 'changed';

// The admin service: dead letters and replay.
declare const admin: WebhookAdminService;
expectTypeOf(admin.deadLetters()).resolves.toEqualTypeOf<DeadLetter[]>();
expectTypeOf(admin.deadLetters({ offset: 10, limit: 5 })).resolves.toEqualTypeOf<DeadLetter[]>();
expectTypeOf(admin.deadLetterCount()).resolves.toBeNumber();
expectTypeOf(admin.replay).parameters.toEqualTypeOf<[id: string]>();
expectTypeOf(admin.replay('1')).resolves.toBeBoolean();
expectTypeOf(admin.replayAll()).resolves.toBeNumber();
expectTypeOf(admin.discard('1')).resolves.toBeBoolean();
expectTypeOf<DeadLetter>().toHaveProperty('event').toEqualTypeOf<StoredWebhookEvent>();

// Tokens, errors and schemes.
expectTypeOf(WEBHOOK_QUEUE).toBeSymbol();
expectTypeOf(WEBHOOK_QUEUE_NAME).toBeString();
expectTypeOf(new WebhookVerificationError('x')).toExtend<Error>();
expectTypeOf(new WebhookConfigurationError('x')).toExtend<Error>();
expectTypeOf(new WebhookStoreUnavailableError('x')).toExtend<Error>();
expectTypeOf(new WebhookHandlerNotFoundError('x')).toExtend<Error>();
expectTypeOf(new WebhookSigningError('x')).toExtend<Error>();
expectTypeOf<WebhookPayloadValidationError['errors']>().toEqualTypeOf<readonly string[]>();
expectTypeOf<WebhookScheme>().toHaveProperty('verify');

// The intake is internal: neither its service nor its request and reply shapes are exported.
// @ts-expect-error WebhookIntakeService is not public
void api.WebhookIntakeService;
// @ts-expect-error IncomingDelivery is not public
expectTypeOf<api.IncomingDelivery>().toBeObject();
// @ts-expect-error IntakeReply is not public
expectTypeOf<api.IntakeReply>().toBeObject();
// Nor are the module's wiring and job contract.
// @ts-expect-error options are resolved inside the module
void api.resolveWebhookOptions;
// @ts-expect-error the job contract is internal to the intake and the workers
expectTypeOf<api.ExecutionJobData>().toBeObject();
