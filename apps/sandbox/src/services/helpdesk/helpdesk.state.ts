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

  addTicket(input: Omit<HelpdeskTicket, 'id' | 'created_at' | 'status'> & { id?: string }): HelpdeskTicket {
    const ticket: HelpdeskTicket = { ...input, id: input.id ?? prefixedId('tkt_', 16), status: 'open', created_at: isoNow() };
    this.tickets.set(ticket.id, ticket);
    return ticket;
  }
}
