import { Inject, Injectable } from '@nestjs/common';
import { OnWebhook, type WebhookEvent } from '@aiwire/webhooks';
import { InjectConnector, type SlackConnector, type StripeConnector } from '@aiwire/connectors';
import { InsightsStore } from '../insights/insights.store.js';
import { CrmService } from '../crm/crm.service.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';

/** Stripe's event envelope, as far as this workflow reads it. */
export interface StripeEvent<T> {
  readonly id: string;
  readonly type: string;
  readonly data: { readonly object: T };
}

/** Payment workflow: re-read the payment from Stripe, update the CRM contact, tell #sales. */
@Injectable()
export class PaymentHandlers {
  constructor(
    @InjectConnector('stripe') private readonly stripe: StripeConnector,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    private readonly crm: CrmService,
    private readonly insights: InsightsStore,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaymentSucceeded(event: WebhookEvent<StripeEvent<{ id: string }>>): Promise<void> {
    // The event may be old or replayed: the API, not the payload, says what is true now.
    const intent = await this.stripe.getPaymentIntent(event.payload.data.object.id);
    if (intent.status !== 'succeeded') return;
    const customerId = typeof intent.customer === 'string' ? intent.customer : intent.customer?.id;
    const customer = customerId ? await this.stripe.getCustomer(customerId) : undefined;
    const amount = `${(intent.amount / 100).toFixed(2)} ${intent.currency.toUpperCase()}`;
    const email = customer?.email ?? undefined;
    const crmUpdated = email ? await this.crm.update(email, { last_payment_amount: intent.amount / 100, last_payment_at: new Date(intent.created * 1000).toISOString(), last_payment_intent: intent.id }) : false;
    await this.insights.save('payments', intent.id, { amount, email, crmUpdated, at: event.receivedAt });
    await this.insights.once(`${event.id}:slack`, () =>
      this.slack.postMessage({ channel: this.config.slackChannels.payments, text: `:moneybag: Payment of ${amount} from ${customer?.name ?? email ?? 'a guest'} (${intent.id})` }),
    );
  }
}
