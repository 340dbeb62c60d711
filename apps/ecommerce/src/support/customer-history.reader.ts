import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { InjectConnector, type ShopifyConnector } from '@aiwire/connectors';
import { CrmService } from '../crm/crm.service.js';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { customers } from '../db/schema.js';
import { pastTicket, type CustomerHistory } from './customer-history.js';

/**
 * A ticket writer's history across the shop's systems: the HubSpot contact and its tickets, and,
 * when our customers table links the email to a Shopify customer (the order flows write that
 * link), Shopify's orders, total spent and tags. Without the link the lifetime value is the
 * contact's `total_revenue`.
 */
@Injectable()
export class CustomerHistoryReader {
  constructor(
    private readonly crm: CrmService,
    @InjectConnector('shopify') private readonly shopify: ShopifyConnector,
    @InjectDb() private readonly db: Database,
  ) {}

  /** The history, leaving out the CRM tickets opened for `helpdeskTicketId` itself. */
  async read(email: string, helpdeskTicketId: string): Promise<CustomerHistory> {
    const contact = await this.crm.findContact(email);
    const tickets = contact ? await this.crm.ticketsOf(contact.id) : [];
    const [row] = await this.db.select({ shopifyId: customers.shopifyId }).from(customers).where(eq(customers.email, email.trim().toLowerCase()));
    const shopifyCustomer = row?.shopifyId ? await this.shopify.getCustomer(row.shopifyId) : undefined;
    const lastOrder = shopifyCustomer ? (await this.shopify.listOrders({ customerId: shopifyCustomer.id, status: 'any', limit: 1, fields: ['id', 'created_at'] })).orders[0] : undefined;
    const revenue = contact?.properties.total_revenue;
    const name = [contact?.properties.firstname ?? shopifyCustomer?.first_name, contact?.properties.lastname ?? shopifyCustomer?.last_name].filter(Boolean).join(' ');
    return {
      email,
      ...(name && { name }),
      ...(contact && { contactId: contact.id }),
      pastTickets: tickets.filter((t) => t.helpdeskTicketId !== helpdeskTicketId).map(pastTicket),
      orders: shopifyCustomer ? shopifyCustomer.orders_count : null,
      lifetimeValue: shopifyCustomer ? Number(shopifyCustomer.total_spent) : revenue ? Number(revenue) : null,
      currency: typeof shopifyCustomer?.currency === 'string' ? shopifyCustomer.currency : 'USD',
      ...(lastOrder && { lastOrderAt: lastOrder.created_at }),
      vip: (shopifyCustomer?.tags ?? '').split(',').some((tag) => tag.trim().toLowerCase() === 'vip'),
    };
  }
}
