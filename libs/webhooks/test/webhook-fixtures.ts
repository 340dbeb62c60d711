import { Injectable, Module, type Type } from '@nestjs/common';
import { Redis } from 'ioredis';
import { OnWebhook, WebhookModule, type WebhookEvent, type WebhookModuleOptions } from '@aiwire/webhooks';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { PLATFORMS, startApp, type Platform, type RunningApp } from '../../../test/support/http-app.js';

export const SECRETS = {
  stripe: 'whsec_stripe_e2e_0123456789abcdef',
  stripeOld: 'whsec_stripe_e2e_rotated_out_secret',
  github: 'github-e2e-secret-4f1d',
  shopify: 'shopify-e2e-secret-9a7c',
  slack: 'slack-e2e-signing-secret-2b8e',
  standard: `whsec_${Buffer.from('standard-e2e-secret-key-32-bytes!').toString('base64')}`,
  helpdesk: 'helpdesk-e2e-secret-77aa',
} as const;

export type Mount = 'server' | 'controller';
export const MOUNTS: readonly Mount[] = ['server', 'controller'];
/** Every platform with every mount: the intake answers the same on all four. */
export const PLATFORM_MOUNTS = PLATFORMS.flatMap((platform) => MOUNTS.map((mount) => [platform, mount] as const));

/** Every execution a handler received, in order (shared across the app under test). */
export type Calls = { handler: string; event: WebhookEvent }[];

export function sources(overrides: Partial<WebhookModuleOptions['sources']> = {}): WebhookModuleOptions['sources'] {
  return {
    stripe: { scheme: 'stripe', secrets: [SECRETS.stripe, SECRETS.stripeOld] },
    github: { scheme: 'github', secrets: [SECRETS.github] },
    shopify: { scheme: 'shopify', secrets: [SECRETS.shopify] },
    slack: { scheme: 'slack', secrets: [SECRETS.slack] },
    billing: { scheme: 'standard', secrets: [SECRETS.standard] },
    helpdesk: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], header: 'x-signature' },
    ...overrides,
  } as WebhookModuleOptions['sources'];
}

/** A host app module: the usage, with handlers that record what they receive. */
export function hostModule(calls: Calls, options: Partial<WebhookModuleOptions> & { prefix?: string; mount?: Mount }): Type<unknown> {
  @Injectable()
  class PaymentHandlers {
    @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
    async onPaid(event: WebhookEvent<{ id: string; data: unknown }>): Promise<void> {
      calls.push({ handler: 'onPaid', event });
    }

    @OnWebhook('orders/*', { source: 'shopify' })
    @OnWebhook('payment.completed')
    async onOrder(event: WebhookEvent): Promise<void> {
      calls.push({ handler: 'onOrder', event });
    }

    @OnWebhook('*')
    async audit(event: WebhookEvent): Promise<void> {
      calls.push({ handler: 'audit', event });
    }
  }

  const { prefix, mount, ...rest } = options;
  @Module({
    imports: [WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: sources(), ...rest, prefix, mount })],
    providers: [PaymentHandlers],
  })
  class AppModule {}
  return AppModule;
}

export function stripeEvent(id: string, type = 'payment_intent.succeeded'): Record<string, unknown> {
  return { id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object: { id: `pi_${id}`, amount: 4200 } } };
}

/** The app under test of one platform × mount suite, and what the suite's tests reach through it. */
export interface IntakeSuiteApp {
  /** The suite's own key prefix (`keyPrefix` and `queue.prefix`). */
  readonly prefix: string;
  /** A fresh event id per call, unique to the suite. */
  readonly nextId: () => string;
  /** The running app (set before the suite's first test). */
  readonly running: RunningApp;
  /** A Redis client of the suite (set before its first test). */
  readonly redis: Redis;
}

/**
 * Boots `build(prefix)` on `platform` before the suite (JSON limit 2 MB, so the intake's own
 * limits are what is tested) with a Redis client beside it; after the suite, closes both and
 * deletes the suite's keys. Call inside a `describe`.
 */
export function useIntakeApp(name: string, platform: Platform, mount: Mount, build: (prefix: string) => Type<unknown>): IntakeSuiteApp {
  const prefix = uniquePrefix(`${name}-${platform}-${mount}`);
  let n = 0;
  let running: RunningApp | undefined;
  let redis: Redis | undefined;
  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    running = await startApp(platform, build(prefix), { jsonLimit: '2mb' });
  });
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
    redis?.disconnect();
  });
  return {
    prefix,
    nextId: () => `evt_${platform}_${mount}_${++n}_${Date.now()}`,
    get running() {
      return running!;
    },
    get redis() {
      return redis!;
    },
  };
}
