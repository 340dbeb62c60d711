import { base62 } from '../../http/ids.js';
import type { StripeCharge } from './stripe.objects.js';

export interface ChargeInput {
  amount: number;
  currency: string;
  customer: string | null;
  paymentIntent: string | null;
  paymentMethod: string;
  billing: { name: string; email: string; postalCode: string; country: string };
  riskLevel: 'normal' | 'elevated' | 'highest';
  riskScore: number;
  refunded: boolean;
  description?: string;
  metadata?: Record<string, string>;
  created: number;
}

export function chargeObject(id: string, input: ChargeInput): StripeCharge {
  const blocked = input.riskLevel === 'highest';
  return {
    id,
    object: 'charge',
    amount: input.amount,
    amount_captured: blocked ? 0 : input.amount,
    amount_refunded: input.refunded ? input.amount : 0,
    application: null,
    balance_transaction: blocked ? null : `txn_${base62(24)}`,
    billing_details: {
      address: { city: null, country: input.billing.country, line1: null, line2: null, postal_code: input.billing.postalCode, state: null },
      email: input.billing.email,
      name: input.billing.name,
      phone: null,
    },
    calculated_statement_descriptor: 'AIWIRE DEMO',
    captured: !blocked,
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    description: input.description ?? null,
    disputed: false,
    failure_code: blocked ? 'card_declined' : null,
    failure_message: blocked ? 'Your card was declined.' : null,
    fraud_details: {},
    livemode: false,
    metadata: input.metadata ?? {},
    outcome: {
      network_status: blocked ? 'not_sent_to_network' : 'approved_by_network',
      reason: blocked ? 'highest_risk_level' : input.riskLevel === 'elevated' ? 'elevated_risk_level' : null,
      risk_level: input.riskLevel,
      risk_score: input.riskScore,
      seller_message: blocked ? 'Stripe blocked this payment as too risky.' : 'Payment complete.',
      type: blocked ? 'blocked' : 'authorized',
    },
    paid: !blocked,
    payment_intent: input.paymentIntent,
    payment_method: input.paymentMethod,
    payment_method_details: {
      card: { brand: 'visa', country: input.billing.country, exp_month: 12, exp_year: 2030, funding: 'credit', last4: '4242', network: 'visa' },
      type: 'card',
    },
    receipt_email: input.billing.email,
    refunded: input.refunded,
    status: blocked ? 'failed' : 'succeeded',
  };
}
