import type { FaultInjector } from '../faults/fault-injector.js';
import type { ServiceName } from '../http/route.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { SandboxCredentials } from './sandbox-options.interface.js';
import type {
  OutboundDeliveryRecord,
  SendWebhookOptions,
  SignedWebhook,
  WebhookDeliveryResult,
  WebhookEventInput,
  WebhookSource,
} from './webhook-delivery.interface.js';

/** Services whose registered webhook subscriptions `emit` can deliver to. */
export type EmittingService = 'stripe' | 'shopify' | 'github';

export interface Sandbox {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /**
   * Per service, the URL that replaces the provider's API origin (`https://slack.com`,
   * `https://api.stripe.com`, `https://{shop}.myshopify.com`, `https://api.hubapi.com`,
   * `https://api.github.com`); append the provider's real paths. One server serves all
   * of them, so today every entry equals `url`.
   */
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** The OAuth token endpoint (`${urls.oauth}/oauth/v1/token`, HubSpot's path). */
  readonly tokenUrl: string;
  /** Credentials the stand-ins accept. */
  readonly credentials: Readonly<SandboxCredentials>;
  /** Everything the stand-ins hold and every request they received. */
  readonly state: SandboxState;
  /** Script failures: `faults.inject('stripe', { status: 429, times: 2 })`. */
  readonly faults: FaultInjector;
  /** Sends one correctly signed webhook to `target`, exactly as `source` does (one attempt). */
  sendWebhook(target: string, source: WebhookSource, event: WebhookEventInput, secret: string, options?: SendWebhookOptions): Promise<WebhookDeliveryResult>;
  /** The delivery `sendWebhook` would make, without sending it. */
  buildWebhook(source: WebhookSource, event: WebhookEventInput, secret: string, options?: SendWebhookOptions): SignedWebhook;
  /**
   * Delivers an event to every subscription registered with that service through its API
   * (Stripe endpoints enabled for the type, Shopify webhooks for the topic, GitHub hooks for
   * the event), signed with the secret the provider would use; resolves when all are done.
   */
  emit(service: EmittingService, type: string, payload: object): Promise<OutboundDeliveryRecord[]>;
  /** Resolves once every webhook the sandbox sent by itself has been delivered or given up. */
  whenIdle(): Promise<void>;
  /** Stops listening, drops open (and hung) connections, cancels pending deliveries. */
  close(): Promise<void>;
}
