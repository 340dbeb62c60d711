import { Injectable, Module, type Type } from '@nestjs/common';
import { OnWebhook, WebhookModule, type WebhookEvent, type WebhookModuleOptions } from '@aiwire/webhooks';
import { REDIS_URL } from '../../../test/support/redis.js';
import { PLATFORMS } from '../../../test/support/http-app.js';

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
