import type { SlackBlock, SlackConnector } from '@aiwire/connectors';
import { describeNotification, type AlertNotification } from '../alert-notification.js';
import type { AlertSender } from './alert-sender.js';

/** `chat.postMessage` through a Slack connector of ConnectorsModule (its auth, retries, rate limit and circuit breaker). */
export class SlackAlertSender implements AlertSender {
  constructor(private readonly slack: SlackConnector, private readonly channel: string) {}

  async send(notification: AlertNotification, signal: AbortSignal): Promise<void> {
    const text = describeNotification(notification);
    // The connector takes no signal here: past the deadline the attempt counts as failed (a late success may still post).
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    const posted = this.slack.postMessage({ channel: this.channel, text, blocks: blocks(notification) });
    posted.catch(() => undefined);
    await Promise.race([posted, aborted]);
  }
}

function blocks(n: AlertNotification): SlackBlock[] {
  const head = n.state === 'firing' ? `:rotating_light: *${n.rule}* is firing` : `:white_check_mark: *${n.rule}* is resolved`;
  const value = `${n.value} ${n.state === 'firing' ? '>' : '<='} ${n.threshold}`;
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `${head}: ${value}\n\`${n.condition}\`` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `since ${n.since} · fired at ${n.firedAt} · id ${n.id}` }] },
  ];
}
