import { signStandardWebhook } from '@aiwire/core';
import { AlertDeliveryError } from '../../errors/alert-delivery.error.js';
import type { AlertNotification } from '../alert-notification.js';
import { alertMessages as messages } from '../alerts.messages.js';
import type { AlertSender } from './alert-sender.js';
import { postJson } from './post-json.js';

/**
 * A Standard Webhooks POST: `{ type: 'alert.firing' | 'alert.resolved', timestamp: since, data }`, signed
 * with the channel's secret. `webhook-id` is the notification's id, the same on every retry and
 * from every process, so a receiver drops what it has seen.
 */
export class WebhookAlertSender implements AlertSender {
  constructor(private readonly channel: { url: string; secret: string; allowPrivateNetwork?: boolean }) {}

  async send(notification: AlertNotification, signal: AbortSignal): Promise<void> {
    // The body is the same on every attempt (its timestamp is when the state changed); only the signature's time moves.
    const body = JSON.stringify({ type: `alert.${notification.state}`, timestamp: notification.since, data: notification });
    const headers = signStandardWebhook(this.channel.secret, body, { id: notification.id, timestamp: Math.floor(Date.now() / 1000) });
    let status: number;
    try {
      status = await postJson(this.channel.url, body, headers, { allowPrivate: this.channel.allowPrivateNetwork === true, signal });
    } catch (error) {
      throw new AlertDeliveryError(error instanceof Error ? `${error.name}: ${error.message}` : String(error), { cause: error });
    }
    if (status < 200 || status > 299) throw new AlertDeliveryError(messages.receiverRefused(status));
  }
}
