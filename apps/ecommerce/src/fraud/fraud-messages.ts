import type { ChatMessage } from '@aiwire/ai';
import type { FraudAssessment } from './fraud-rules.js';
import type { ShopifyOrderDto } from './shopify-order.dto.js';

/** `Order #1001 (ada@example.com, 129.99 USD)`. */
export function describeOrder(order: Pick<ShopifyOrderDto, 'name' | 'email' | 'total_price' | 'currency'>): string {
  return `Order ${order.name} (${order.email ?? 'no email'}, ${Number(order.total_price).toFixed(2)} ${order.currency})`;
}

/**
 * The #alerts message of a held order, written from what the hold step achieved: "on hold" only when
 * Shopify holds it, otherwise that the hold failed and a person must hold it by hand.
 */
export function holdAlert(order: Pick<ShopifyOrderDto, 'name' | 'email' | 'total_price' | 'currency'>, assessment: FraudAssessment, hold: { refused: string | null }): string {
  const why = assessment.reasons.join('; ');
  if (hold.refused === null) return `:rotating_light: ${describeOrder(order)} scored ${assessment.score}/100 and is on hold in Shopify: ${why}. Review it before releasing the hold.`;
  return `:warning: ${describeOrder(order)} scored ${assessment.score}/100 but the hold failed: Shopify refused it (${hold.refused}). The order is NOT on hold and needs a manual hold before it ships. Reasons: ${why}.`;
}

/** The LLM prompt for the reviewer's one-paragraph explanation: the facts and the rules that fired, nothing else. */
export function explanationPrompt(order: ShopifyOrderDto, assessment: FraudAssessment, decision: 'approve' | 'hold'): { messages: ChatMessage[] } {
  const lines = order.line_items.map((li) => `${li.quantity} × ${li.title} at ${li.price}`).join('; ');
  return {
    messages: [
      { role: 'system', content: 'You explain fraud-check decisions on e-commerce orders to the shop staff who review them. Write one short paragraph, plain text, using only the facts given. Do not invent facts.' },
      {
        role: 'user',
        content: [
          `Order ${order.name}, ${order.total_price} ${order.currency}: ${lines}.`,
          order.note ? `Customer note: "${order.note}".` : 'No customer note.',
          `Risk score ${assessment.score}/100 (${assessment.level}); decision: ${decision}.`,
          `Rules that fired: ${assessment.reasons.length ? assessment.reasons.join('; ') : 'none'}.`,
        ].join('\n'),
      },
    ],
  };
}
