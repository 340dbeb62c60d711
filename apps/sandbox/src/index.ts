export { startSandbox } from './sandbox.js';
export { DEFAULT_CREDENTIALS, SHOPIFY_API_VERSION, STRIPE_API_VERSION } from './sandbox.constants.js';
export { DEMO_CUSTOMERS, DEMO_SHOP, type DemoShopCustomer } from './seed/demo-shop.seed.js';
export { DEMO_HISTORY, DEMO_PEOPLE, DEMO_PRODUCTS, DEMO_TICKETS, type DemoPersonKey, type DemoProductKey } from './seed/demo-shop.data.js';
export { buildWebhook } from './webhooks/webhook-envelope.js';
export { sendWebhook } from './webhooks/send-webhook.js';
export { FaultInjector } from './faults/fault-injector.js';
export { SandboxConfigurationError } from './errors/sandbox-configuration.error.js';
export { SandboxState } from './state/sandbox-state.js';
export type { RecordedRequest, RequestLog } from './state/request-log.js';
export type { ServiceName } from './http/route.js';
export type { FaultSpec } from './interfaces/fault.interface.js';
export type { Sandbox, EmittingService } from './interfaces/sandbox.interface.js';
export type { SandboxCredentials, SandboxLimits, SandboxOAuthOptions, SandboxOptions } from './interfaces/sandbox-options.interface.js';
export type {
  OutboundDeliveryRecord,
  SendWebhookOptions,
  SignedWebhook,
  WebhookDeliveryResult,
  WebhookEventInput,
  WebhookSource,
} from './interfaces/webhook-delivery.interface.js';
export type { SlackChannel, SlackMessage } from './services/slack/slack.state.js';
export type { StripeCharge, StripeCustomer, StripePaymentIntent, StripeWebhookEndpoint } from './services/stripe/stripe.objects.js';
export { FULFILLMENT_HOLD_REASONS, type FulfillmentHoldReason, type ShopifyCustomer, type ShopifyFulfillmentOrder, type ShopifyOrder, type ShopifyProduct, type ShopifyWebhook } from './services/shopify/shopify.objects.js';
export type { HubSpotAssociation, HubSpotObject, HubSpotObjectType } from './services/hubspot/hubspot.state.js';
export type { IssuedAccessToken, TokenRequestRecord } from './services/oauth/oauth.state.js';
export type { GitHubHook, GitHubHookRecord } from './services/github/github.state.js';
export type { HelpdeskMessage, HelpdeskMessageInput, HelpdeskReview, HelpdeskSubscription, HelpdeskTicket } from './services/helpdesk/helpdesk.state.js';
export { OPENAI_MODELS, type OpenAiCompletionRecord, type OpenAiState } from './services/openai/openai.state.js';
export { ANTHROPIC_MODELS, type AnthropicMessageRecord, type AnthropicState } from './services/anthropic/anthropic.state.js';
export type { ScriptedAnswer, ScriptedAnswers } from './services/llm/scripted-answers.js';
export { formatGoDuration } from './services/llm/go-duration.js';
