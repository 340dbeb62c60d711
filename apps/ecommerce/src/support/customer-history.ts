import type { CrmTicket } from '../crm/crm.service.js';

export const TICKET_CATEGORIES = ['billing', 'shipping', 'product', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** A past ticket of the customer, as the CRM has it. */
export interface PastTicket {
  readonly subject: string;
  readonly createdAt: string;
  /** Ours when the support flow opened it, else mapped from HubSpot's category; absent when unknown. */
  readonly category?: TicketCategory;
}

/** What the shop knows about the person who wrote a ticket: the CRM's history and the orders. JSON, so a step can store it. */
export interface CustomerHistory {
  readonly email: string;
  readonly name?: string;
  /** The HubSpot contact, when the customer is in the CRM. */
  readonly contactId?: string;
  /** Newest first. */
  readonly pastTickets: readonly PastTicket[];
  /** Orders placed (Shopify), or null when the customer is not linked to a Shopify customer. */
  readonly orders: number | null;
  /** Lifetime value in `currency`: Shopify's total spent, else the contact's `total_revenue`; null when neither is known. */
  readonly lifetimeValue: number | null;
  readonly currency: string;
  readonly lastOrderAt?: string;
  /** Tagged `vip` in Shopify. */
  readonly vip: boolean;
}

const HUBSPOT_CATEGORIES: Readonly<Record<string, TicketCategory>> = { PRODUCT_ISSUE: 'product', BILLING_ISSUE: 'billing' };

export function pastTicket(ticket: CrmTicket): PastTicket {
  const category = isCategory(ticket.category) ? ticket.category : HUBSPOT_CATEGORIES[ticket.hubspotCategory ?? ''];
  return { subject: ticket.subject, createdAt: ticket.createdAt, ...(category && { category }) };
}

export function isCategory(value: unknown): value is TicketCategory {
  return typeof value === 'string' && (TICKET_CATEGORIES as readonly string[]).includes(value);
}

const DAY = 86_400_000;

/** Whole days from `then` to `now` (0 for today). */
export function daysBetween(then: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(then)) / DAY));
}

const ago = (days: number): string => (days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`);
const money = (value: number, currency: string): string => `${value.toFixed(2)} ${currency}`;

/**
 * The history in plain sentences: the context an LLM gets with the ticket, and the second half of
 * the text the escalation summary is made from. Each sentence names the customer, so an extractive
 * summary (the offline provider's) weighs them like the ticket's own sentences.
 */
export function describeHistory(history: CustomerHistory, now: Date): string {
  const who = history.name ?? history.email;
  const lines: string[] = [];
  if (!history.contactId && history.orders === null) lines.push(`${who} is a new customer: not in the CRM, no orders on record.`);
  else {
    const value = history.lifetimeValue === null ? 'an unknown lifetime value' : `a lifetime value of ${money(history.lifetimeValue, history.currency)}`;
    const orders = history.orders === null ? '' : `${history.orders} order${history.orders === 1 ? '' : 's'}${history.lastOrderAt ? ` (the last ${ago(daysBetween(history.lastOrderAt, now))})` : ''} and `;
    lines.push(`${who}${history.vip ? ', a VIP customer,' : ''} has ${orders}${value}.`);
  }
  if (history.pastTickets.length === 0) lines.push(`${who} has no past support tickets.`);
  else {
    const listed = history.pastTickets.slice(0, 3).map((t) => `"${t.subject}" (${t.category ?? 'uncategorised'}, ${ago(daysBetween(t.createdAt, now))})`);
    const n = history.pastTickets.length;
    lines.push(`${who} opened ${n} past support ticket${n === 1 ? '' : 's'}: ${listed.join('; ')}.`);
  }
  return lines.join(' ');
}
