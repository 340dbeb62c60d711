import type { AddressInfo } from 'node:net';
import { FaultInjector } from './faults/fault-injector.js';
import type { ServiceName } from './http/route.js';
import { SandboxServer } from './http/sandbox-server.js';
import type { SandboxCredentials, SandboxOptions } from './interfaces/sandbox-options.interface.js';
import type { Sandbox } from './interfaces/sandbox.interface.js';
import { DEFAULT_CREDENTIALS } from './sandbox.constants.js';
import { emitToSubscriptions } from './webhooks/emit.js';
import { seedDemoShop } from './seed/demo-shop.seed.js';
import { setUpWorkspace } from './seed/workspace.seed.js';
import { createGitHubService } from './services/github/github.service.js';
import { createHelpdeskService } from './services/helpdesk/helpdesk.service.js';
import { createHubSpotService } from './services/hubspot/hubspot.service.js';
import { createOAuthService } from './services/oauth/oauth.service.js';
import type { ServiceContext } from './services/service-context.js';
import { createShopifyService } from './services/shopify/shopify.service.js';
import { createSlackService } from './services/slack/slack.service.js';
import { createStripeService } from './services/stripe/stripe.service.js';
import { createOpenAiService } from './services/openai/openai.service.js';
import { createAnthropicService } from './services/anthropic/anthropic.service.js';
import { SandboxState } from './state/sandbox-state.js';
import { OutboundDeliveries } from './webhooks/outbound-deliveries.js';
import { buildWebhook } from './webhooks/webhook-envelope.js';
import { sendWebhook } from './webhooks/send-webhook.js';

const SERVICES: readonly ServiceName[] = ['slack', 'stripe', 'shopify', 'hubspot', 'oauth', 'github', 'helpdesk', 'openai', 'anthropic'];

/** Starts every stand-in on one loopback server. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const credentials: Readonly<SandboxCredentials> = Object.freeze({ ...DEFAULT_CREDENTIALS, ...options.credentials });
  const closing = new AbortController();
  const outbound = new OutboundDeliveries(closing.signal, { attempts: options.delivery?.attempts ?? 3, retryDelayMs: options.delivery?.retryDelayMs ?? 200 });
  const state = new SandboxState(
    { accessTokenTtlSeconds: options.oauth?.accessTokenTtlSeconds ?? 1800, rotateRefreshTokens: options.oauth?.rotateRefreshTokens ?? false },
    outbound.records,
  );
  setUpWorkspace(state, credentials);
  if (options.seed ?? true) seedDemoShop(state);

  let origin = '';
  const context: ServiceContext = { state, credentials, limits: options.limits ?? {}, origin: () => origin, outbound };
  const faults = new FaultInjector();
  const services = [createSlackService, createStripeService, createShopifyService, createHubSpotService, createOAuthService, createGitHubService, createHelpdeskService, createOpenAiService, createAnthropicService].map((create) => create(context));
  const { server } = new SandboxServer(services, faults, state.requests, closing.signal);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  let closed: Promise<void> | undefined;

  return {
    url: origin,
    urls: Object.freeze(Object.fromEntries(SERVICES.map((s) => [s, origin])) as Record<ServiceName, string>),
    tokenUrl: `${origin}/oauth/v1/token`,
    credentials,
    state,
    faults,
    sendWebhook: (target, source, event, secret, opts) => sendWebhook(target, source, event, secret, { shopDomain: credentials.shopDomain, ...opts }),
    buildWebhook: (source, event, secret, opts) => buildWebhook(source, event, secret, { shopDomain: credentials.shopDomain, ...opts }),
    emit: (service, type, payload) => emitToSubscriptions(context, service, type, payload),
    whenIdle: () => outbound.idle(),
    close() {
      closed ??= (async () => {
        closing.abort();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await outbound.idle();
      })();
      return closed;
    },
  };
}
