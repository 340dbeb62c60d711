import { isoNow, prefixedId } from '../../http/ids.js';

export type HelpdeskEventType = 'review.created' | 'ticket.created';

export interface HelpdeskReview {
  id: string;
  product_id: string;
  customer_email: string;
  rating: number;
  title: string;
  body: string;
  created_at: string;
}

export interface HelpdeskTicket {
  id: string;
  customer_email: string;
  subject: string;
  body: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: 'open' | 'pending' | 'solved';
  order_id: string | null;
  created_at: string;
}

/** A message the shop sent a customer through the helpdesk (an order confirmation, a reply to a ticket). */
export interface HelpdeskMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  ticket_id: string | null;
  order_id: string | null;
  status: 'sent';
  created_at: string;
}

export type HelpdeskMessageInput = Pick<HelpdeskMessage, 'to' | 'subject' | 'body'> & Partial<Pick<HelpdeskMessage, 'ticket_id' | 'order_id'>>;

export interface HelpdeskSubscription {
  id: string;
  url: string;
  /** Key of the `x-signature: sha256=<hex>` HMAC. */
  secret: string;
  events: HelpdeskEventType[];
  created_at: string;
}

/** The review/support platform: reviews, tickets, and who gets told about them. */
export class HelpdeskState {
  readonly reviews = new Map<string, HelpdeskReview>();
  readonly tickets = new Map<string, HelpdeskTicket>();
  readonly subscriptions = new Map<string, HelpdeskSubscription>();
  /** Every message sent, oldest first. */
  readonly messages: HelpdeskMessage[] = [];

  /** Registers a webhook target (also `POST /helpdesk/webhooks`). */
  subscribe(input: { url: string; secret?: string; events?: HelpdeskEventType[] }): HelpdeskSubscription {
    const subscription: HelpdeskSubscription = {
      id: prefixedId('sub_', 16),
      url: input.url,
      secret: input.secret ?? prefixedId('hd_whsec_', 32),
      events: input.events ?? ['review.created', 'ticket.created'],
      created_at: isoNow(),
    };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  addReview(input: Omit<HelpdeskReview, 'id' | 'created_at'> & { id?: string }): HelpdeskReview {
    const review: HelpdeskReview = { ...input, id: input.id ?? prefixedId('rev_', 16), created_at: isoNow() };
    this.reviews.set(review.id, review);
    return review;
  }

  addTicket(input: Omit<HelpdeskTicket, 'id' | 'created_at' | 'status'> & { id?: string; status?: HelpdeskTicket['status']; created_at?: string }): HelpdeskTicket {
    const ticket: HelpdeskTicket = { ...input, id: input.id ?? prefixedId('tkt_', 16), status: input.status ?? 'open', created_at: input.created_at ?? isoNow() };
    this.tickets.set(ticket.id, ticket);
    return ticket;
  }

  /** Records a sent message (also `POST /helpdesk/messages`). */
  sendMessage(input: HelpdeskMessageInput): HelpdeskMessage {
    const message: HelpdeskMessage = { id: prefixedId('msg_', 16), to: input.to, subject: input.subject, body: input.body, ticket_id: input.ticket_id ?? null, order_id: input.order_id ?? null, status: 'sent', created_at: isoNow() };
    this.messages.push(message);
    return message;
  }

  /** Messages sent to `email` (case-insensitive), oldest first. */
  messagesTo(email: string): HelpdeskMessage[] {
    return this.messages.filter((m) => m.to.toLowerCase() === email.toLowerCase());
  }
}
