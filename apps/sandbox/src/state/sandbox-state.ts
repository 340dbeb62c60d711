import type { OutboundDeliveryRecord } from '../interfaces/webhook-delivery.interface.js';
import { GitHubState } from '../services/github/github.state.js';
import { HelpdeskState } from '../services/helpdesk/helpdesk.state.js';
import { HubSpotState } from '../services/hubspot/hubspot.state.js';
import { OAuthState } from '../services/oauth/oauth.state.js';
import { ShopifyState } from '../services/shopify/shopify.state.js';
import { SlackState } from '../services/slack/slack.state.js';
import { StripeState } from '../services/stripe/stripe.state.js';
import { OpenAiState } from '../services/openai/openai.state.js';
import { AnthropicState } from '../services/anthropic/anthropic.state.js';
import { RequestLog } from './request-log.js';

/** Everything the stand-ins hold, for tests to read back (and to arrange, through the `create*` helpers). */
export class SandboxState {
  readonly slack = new SlackState();
  readonly stripe = new StripeState();
  readonly shopify = new ShopifyState();
  readonly hubspot = new HubSpotState();
  readonly oauth: OAuthState;
  readonly github = new GitHubState();
  readonly helpdesk = new HelpdeskState();
  readonly openai = new OpenAiState();
  readonly anthropic = new AnthropicState();
  /** Every request received, with per-route counters. */
  readonly requests = new RequestLog();

  constructor(
    oauth: { accessTokenTtlSeconds: number; rotateRefreshTokens: boolean },
    /** Webhooks the sandbox sent by itself (GitHub pings, helpdesk events, `emit`). */
    readonly deliveries: readonly OutboundDeliveryRecord[],
  ) {
    this.oauth = new OAuthState(oauth);
  }
}
