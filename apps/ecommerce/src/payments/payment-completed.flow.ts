import { Inject, Injectable } from '@nestjs/common';
import { Flow, type FlowContext } from '@aiwire/flows';
import { InjectConnector, type RestConnector, type SlackConnector } from '@aiwire/connectors';
import { CrmService } from '../crm/crm.service.js';
import { ShopRepository } from '../shop/shop.repository.js';
import { flowInput } from '../shop/flow-input.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import { checkPayment, currencyExponent, formatMinor, type PaymentCheck } from './payment-checks.js';
import { PaymentReader, type PaidOrder, type StripePayment } from './payment-reader.service.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentSucceededEventDto } from './payment-event.dto.js';

export const PAYMENT_FLOW = 'payment-completed';

/** What a run returns: the checks, and which of the customer confirmation or the staff alert went out. */
export interface PaymentCompletedResult {
  readonly paymentIntentId: string;
  readonly status: 'paid' | 'payment_review';
  readonly checks: readonly PaymentCheck[];
  readonly confirmationMessageId: string | null;
  /** The Slack message (`#general`) sent instead of a confirmation when a check failed. */
  readonly alertTs: string | null;
  readonly crmUpdated: boolean;
}

/**
 * Flow 4: a Stripe `payment_intent.succeeded` → the payment read back from Stripe and checked against
 * its Shopify order (amount, currency, customer, risk) → our payment and order rows → the customer's
 * confirmation through the helpdesk, or, when a check failed, no confirmation and a Slack alert for
 * staff → the CRM contact's last payment and lifetime value.
 */
@Injectable()
export class PaymentCompletedFlow {
  constructor(
    @InjectConnector('helpdesk') private readonly helpdesk: RestConnector,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    private readonly reader: PaymentReader,
    private readonly payments: PaymentsRepository,
    private readonly shop: ShopRepository,
    private readonly crm: CrmService,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  @Flow(PAYMENT_FLOW, { trigger: { webhook: 'payment_intent.succeeded', source: 'stripe' }, backoff: { delayMs: 500 } })
  async run(flow: FlowContext<unknown>): Promise<PaymentCompletedResult> {
    const event = await flowInput(PAYMENT_FLOW, PaymentSucceededEventDto, flow.input);
    // The event may be old, replayed or forged in content: Stripe's API says what is true now.
    const payment = await flow.step('read-payment', () => this.reader.payment(event.data.object.id));
    const order = await flow.step('read-order', () => this.reader.order(payment));
    const checks = checkPayment(payment, order && { id: order.id, name: order.name, totalPrice: order.total_price, currency: order.currency, customerId: order.customer?.id ?? null, email: order.email });
    const ok = checks.every((c) => c.ok);
    const status = ok ? 'paid' : 'payment_review';
    const paymentId = await flow.step('record-payment', () => this.record(payment, order, checks, status));
    const email = payment.customer?.email ?? order?.email ?? null;

    let confirmationMessageId: string | null = null;
    let alertTs: string | null = null;
    if (ok && email) {
      confirmationMessageId = await flow.step('confirm-to-customer', () => this.confirm(email, payment, order!));
      await flow.step('record-confirmation', () => this.payments.confirmed(paymentId, confirmationMessageId!));
    } else {
      const text = reviewAlert(payment, order, checks, email);
      alertTs = await flow.step('alert-staff', async () => (await this.slack.postMessage({ channel: this.config.slackChannels.payments, text })).ts);
    }
    const crmUpdated = email !== null && await flow.step('crm-contact', () => this.updateCrm(email, payment));
    return { paymentIntentId: payment.id, status, checks, confirmationMessageId, alertTs, crmUpdated };
  }

  private async record(payment: StripePayment, order: PaidOrder | null, checks: readonly PaymentCheck[], status: string): Promise<number> {
    const customerId = await this.shop.upsertCustomer({ stripeId: payment.customer?.id ?? null, email: payment.customer?.email, name: payment.customerName });
    const orderId = order ? await this.shop.upsertOrder(order) : null;
    return this.payments.record({
      paymentIntentId: payment.id, orderId, customerId: customerId ?? null, amountMinor: payment.amountReceived, currency: payment.currency,
      status, riskLevel: payment.riskLevel, riskScore: payment.riskScore, checks,
    });
  }

  /** The helpdesk emails the customer; its message id is kept on the payment row. */
  private async confirm(to: string, payment: StripePayment, order: PaidOrder): Promise<string> {
    const message = await this.helpdesk.request<{ id: string }>({
      method: 'POST',
      path: '/helpdesk/messages',
      body: {
        to,
        subject: `Payment received for order ${order.name}`,
        body: `Thank you${payment.customerName ? `, ${payment.customerName.split(' ')[0]}` : ''}: we received your payment of ${formatMinor(payment.amountReceived, payment.currency)} for order ${order.name}. We will let you know when it ships.`,
        order_id: String(order.id),
      },
      operation: 'helpdesk.sendMessage',
    });
    return message.id;
  }

  private async updateCrm(email: string, payment: StripePayment): Promise<boolean> {
    const exponent = currencyExponent(payment.currency);
    const major = (minor: number) => (minor / 10 ** exponent).toFixed(exponent);
    const lifetime = payment.customer ? await this.reader.lifetimeValue(payment.customer.id, payment.currency) : payment.amountReceived;
    return this.crm.update(email, {
      last_payment_amount: major(payment.amountReceived),
      last_payment_currency: payment.currency.toUpperCase(),
      last_payment_date: new Date(payment.created * 1000).toISOString(),
      lifetime_value: major(lifetime),
    });
  }
}

/** The #general message when a payment failed a check: what failed, and that the customer was not told anything. */
export function reviewAlert(payment: StripePayment, order: PaidOrder | null, checks: readonly PaymentCheck[], email: string | null): string {
  const failed = checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.detail}`);
  const what = order ? `order ${order.name}` : 'no matching order';
  const why = failed.length ? failed.join('; ') : 'no customer email to confirm to';
  return `:warning: Payment ${payment.id} (${formatMinor(payment.amountReceived, payment.currency)}, ${email ?? 'no email'}) for ${what} needs review: ${why}. No confirmation was sent to the customer.`;
}
