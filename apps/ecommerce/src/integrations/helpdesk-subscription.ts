import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnector, type RestConnector } from '@aiwire/connectors';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';

interface HelpdeskSubscriptionRecord {
  readonly id: string;
  readonly url: string;
}

/** Subscribes our intake to the helpdesk's review and ticket events, once (list, then create). */
@Injectable()
export class HelpdeskSubscription implements OnApplicationBootstrap {
  private readonly logger = new Logger(HelpdeskSubscription.name);

  constructor(
    @InjectConnector('helpdesk') private readonly helpdesk: RestConnector,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const url = `${this.config.publicWebhookUrl}/helpdesk`;
    const existing = await this.helpdesk.request<{ data: HelpdeskSubscriptionRecord[] }>({ method: 'GET', path: '/helpdesk/webhooks' });
    if (existing.data.some((s) => s.url === url)) return;
    await this.helpdesk.request({
      method: 'POST',
      path: '/helpdesk/webhooks',
      body: { url, secret: process.env.HELPDESK_WEBHOOK_SECRET, events: ['review.created', 'ticket.created'] },
    });
    this.logger.log(`Subscribed ${url} to the helpdesk's review.created and ticket.created`);
  }
}
