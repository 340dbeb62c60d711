import { describeHistory, pastTicket, type CustomerHistory } from './customer-history.js';
import { triageTicket, type TicketReading } from './ticket-triage.js';
import { ticketAsText } from './support-ticket.flow.js';

const NOW = new Date('2026-12-02T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const NEW: CustomerHistory = { email: 'new@example.com', pastTickets: [], orders: null, lifetimeValue: null, currency: 'USD', vip: false };
const reading = (over: Partial<TicketReading> = {}): TicketReading => ({ category: 'shipping', sentiment: { label: 'neutral', score: 0 }, ...over });

describe('ticket triage (the AI reading + the history → priority and escalation)', () => {
  it('leaves a neutral question from a new customer LOW and not escalated', () => {
    expect(triageTicket(reading(), NEW, NOW)).toMatchObject({ priority: 'LOW', escalate: false, reasons: [] });
  });

  it('raises a repeat of the same issue within 30 days to HIGH, even when the tone is neutral', () => {
    const history = { ...NEW, pastTickets: [{ subject: 'Parcel late', createdAt: daysAgo(12), category: 'shipping' as const }] };
    const triage = triageTicket(reading(), history, NOW);
    expect(triage).toMatchObject({ priority: 'HIGH', escalate: false, recentTickets: 1, repeatsOfCategory: 1 });
    expect(triage.reasons).toEqual(['repeat shipping issue: 1 in the last 30 days']);
    // The same ticket 40 days later is no repeat; another category within 30 days is a repeat contact (MEDIUM).
    expect(triageTicket(reading(), { ...history, pastTickets: [{ ...history.pastTickets[0]!, createdAt: daysAgo(40) }] }, NOW).priority).toBe('LOW');
    expect(triageTicket(reading({ category: 'product' }), history, NOW)).toMatchObject({ priority: 'MEDIUM', repeatsOfCategory: 0, recentTickets: 1 });
  });

  it('escalates negative tickets and high-value customers; angry ones are HIGH on their own', () => {
    expect(triageTicket(reading({ sentiment: { label: 'negative', score: -0.3 } }), NEW, NOW)).toMatchObject({ priority: 'MEDIUM', escalate: true });
    expect(triageTicket(reading({ sentiment: { label: 'negative', score: -0.7 } }), NEW, NOW)).toMatchObject({ priority: 'HIGH', escalate: true });
    expect(triageTicket(reading(), { ...NEW, lifetimeValue: 812.4 }, NOW)).toMatchObject({ priority: 'MEDIUM', escalate: true, highValue: true });
    expect(triageTicket(reading(), { ...NEW, lifetimeValue: 500 }, NOW)).toMatchObject({ escalate: false, highValue: false });
    expect(triageTicket(reading(), { ...NEW, vip: true, lifetimeValue: 20 }, NOW)).toMatchObject({ escalate: true, reasons: ['VIP customer'] });
  });

  it('takes the helpdesk priority and counts billing as MEDIUM', () => {
    expect(triageTicket(reading({ helpdeskPriority: 'urgent' }), NEW, NOW).priority).toBe('HIGH');
    expect(triageTicket(reading({ category: 'billing' }), NEW, NOW).priority).toBe('MEDIUM');
  });
});

describe('the customer history in words', () => {
  it('describes a known customer with orders, value and past tickets, naming them in each sentence', () => {
    const history: CustomerHistory = {
      email: 'elise@example.fr', name: 'Élise Moreau', contactId: '106', orders: 9, lifetimeValue: 1234.5, currency: 'EUR', lastOrderAt: daysAgo(2), vip: true,
      pastTickets: [pastTicket({ id: '1', subject: 'Écouteurs', createdAt: daysAgo(20), hubspotCategory: 'PRODUCT_ISSUE' }), pastTicket({ id: '2', subject: 'Where is it?', createdAt: daysAgo(1), category: 'shipping' })],
    };
    expect(describeHistory(history, NOW)).toBe(
      'Élise Moreau, a VIP customer, has 9 orders (the last 2 days ago) and a lifetime value of 1234.50 EUR. ' +
        'Élise Moreau opened 2 past support tickets: "Écouteurs" (product, 20 days ago); "Where is it?" (shipping, yesterday).',
    );
  });

  it('says plainly when the customer is new', () => {
    expect(describeHistory(NEW, NOW)).toBe('new@example.com is a new customer: not in the CRM, no orders on record. new@example.com has no past support tickets.');
  });

  it('maps HubSpot categories it knows and leaves the others unknown', () => {
    expect(pastTicket({ id: '1', subject: 'x', createdAt: daysAgo(1), hubspotCategory: 'BILLING_ISSUE' }).category).toBe('billing');
    expect(pastTicket({ id: '1', subject: 'x', createdAt: daysAgo(1), hubspotCategory: 'GENERAL_INQUIRY' }).category).toBeUndefined();
    expect(pastTicket({ id: '1', subject: 'x', createdAt: daysAgo(1), hubspotCategory: 'GENERAL_INQUIRY', category: 'shipping' }).category).toBe('shipping');
  });

  it('joins subject and body as sentences', () => {
    expect(ticketAsText('Late parcel', 'Where is it?')).toBe('Late parcel. Where is it?');
    expect(ticketAsText('Late parcel?', 'Where is it?')).toBe('Late parcel? Where is it?');
    expect(ticketAsText('  ', 'Where is it?')).toBe('Where is it?');
  });
});
