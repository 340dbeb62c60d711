import { daysBetween, type CustomerHistory, type TicketCategory } from './customer-history.js';
import type { SentimentLabel } from '../db/schema.js';

/** The rules that turn the AI's reading of a ticket and the customer's history into a priority and an escalation. */
export const TRIAGE_RULES = {
  /** Past tickets this recent make the new one a repeat contact. */
  repeatWindowDays: 30,
  /** A lifetime value above this (in the shop's currency) makes the customer high-value. */
  highValueThreshold: 500,
  /** A sentiment score at or below this is an angry ticket on its own. */
  angryScore: -0.5,
} as const;

export type TicketPriority = 'LOW' | 'MEDIUM' | 'HIGH';

export interface TicketReading {
  readonly category: TicketCategory;
  readonly sentiment: { readonly label: SentimentLabel; readonly score: number };
  /** The helpdesk's own priority field. */
  readonly helpdeskPriority?: string;
}

export interface Triage {
  readonly priority: TicketPriority;
  readonly escalate: boolean;
  readonly highValue: boolean;
  /** Past tickets within the repeat window, and those of them in the same category. */
  readonly recentTickets: number;
  readonly repeatsOfCategory: number;
  /** Why, in words (stored with the escalation and shown in Slack). */
  readonly reasons: readonly string[];
}

/**
 * HIGH: marked urgent/high at the helpdesk, an angry ticket (score ≤ -0.5), a negative ticket from
 * someone who wrote in the last 30 days, the same category again within 30 days, or a third ticket
 * within 30 days. MEDIUM: negative, a repeat contact, a high-value customer, or billing. LOW otherwise.
 * Escalated when negative or high-value (lifetime value above 500, or tagged vip).
 */
export function triageTicket(reading: TicketReading, history: CustomerHistory, now: Date): Triage {
  const rules = TRIAGE_RULES;
  const recent = history.pastTickets.filter((t) => daysBetween(t.createdAt, now) <= rules.repeatWindowDays);
  const repeats = recent.filter((t) => t.category === reading.category && reading.category !== 'other');
  const negative = reading.sentiment.label === 'negative';
  const highValue = history.vip || (history.lifetimeValue ?? 0) > rules.highValueThreshold;
  const reasons: string[] = [];
  if (reading.helpdeskPriority === 'urgent' || reading.helpdeskPriority === 'high') reasons.push(`marked ${reading.helpdeskPriority} at the helpdesk`);
  if (reading.sentiment.score <= rules.angryScore) reasons.push(`angry (sentiment ${reading.sentiment.score.toFixed(2)})`);
  else if (negative) reasons.push(`negative (sentiment ${reading.sentiment.score.toFixed(2)})`);
  if (repeats.length > 0) reasons.push(`repeat ${reading.category} issue: ${repeats.length} in the last ${rules.repeatWindowDays} days`);
  else if (recent.length > 0) reasons.push(`${recent.length} other ticket${recent.length === 1 ? '' : 's'} in the last ${rules.repeatWindowDays} days`);
  if (history.vip) reasons.push('VIP customer');
  else if (highValue) reasons.push(`high-value customer (lifetime value above ${rules.highValueThreshold})`);

  const high =
    reading.helpdeskPriority === 'urgent' || reading.helpdeskPriority === 'high' ||
    reading.sentiment.score <= rules.angryScore ||
    (negative && recent.length > 0) ||
    repeats.length > 0 ||
    recent.length >= 2;
  const medium = negative || recent.length > 0 || highValue || reading.category === 'billing';
  const priority: TicketPriority = high ? 'HIGH' : medium ? 'MEDIUM' : 'LOW';
  return { priority, escalate: negative || highValue, highValue, recentTickets: recent.length, repeatsOfCategory: repeats.length, reasons };
}
