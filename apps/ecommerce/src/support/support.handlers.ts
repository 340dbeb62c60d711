import { Inject, Injectable } from '@nestjs/common';
import { Equals, IsEmail, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { OnWebhook, type WebhookEvent } from '@aiwire/webhooks';
import { AiService } from '@aiwire/ai';
import { InjectConnector, type SlackConnector } from '@aiwire/connectors';
import { InsightsStore } from '../insights/insights.store.js';
import { CrmService } from '../crm/crm.service.js';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';

export const TICKET_CATEGORIES = ['billing', 'shipping', 'product', 'other'];

class TicketData {
  @IsString() id!: string;
  @IsEmail() customer_email!: string;
  @IsString() subject!: string;
  @IsString() body!: string;
  @IsOptional() @IsString() priority?: string;
}

/** The helpdesk's `ticket.created` delivery. */
export class TicketCreatedEvent {
  @Equals('ticket.created') event_type!: string;
  @IsObject() @ValidateNested() @Type(() => TicketData) data!: TicketData;
}

/** Support triage: category, mood and a summary become a prioritised CRM ticket and a #support post. */
@Injectable()
export class SupportHandlers {
  constructor(
    private readonly ai: AiService,
    private readonly crm: CrmService,
    private readonly insights: InsightsStore,
    @InjectConnector('slack') private readonly slack: SlackConnector,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  @OnWebhook('ticket.created', { source: 'helpdesk', dto: TicketCreatedEvent })
  async onTicket(event: WebhookEvent<TicketCreatedEvent>): Promise<void> {
    const ticket = event.payload.data;
    const text = `${ticket.subject}. ${ticket.body}`;
    const [category, sentiment, summary] = await Promise.all([
      this.ai.classify(text, TICKET_CATEGORIES),
      this.ai.sentiment(text),
      this.ai.summarize(ticket.body, { maxWords: 40 }),
    ]);
    const priority = ticket.priority === 'urgent' || sentiment.score <= -0.5 ? 'HIGH' : category.label === 'billing' ? 'MEDIUM' : 'LOW';
    let crmTicketId: string | undefined;
    await this.insights.once(`${event.id}:crm`, async () => {
      crmTicketId = await this.crm.ticket(ticket.customer_email, { subject: `[${category.label}] ${ticket.subject}`, content: summary, priority });
    });
    await this.insights.save('tickets', ticket.id, { category, sentiment, summary, priority, crmTicketId });
    await this.insights.once(`${event.id}:slack`, () =>
      this.slack.postMessage({ channel: this.config.slackChannels.support, text: `:ticket: ${priority} ${category.label} ticket from ${ticket.customer_email}: ${summary}` }),
    );
  }
}
