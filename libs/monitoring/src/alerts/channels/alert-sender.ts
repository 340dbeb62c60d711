import type { AlertNotification } from '../alert-notification.js';

/** Delivers one notification, once; rejects when it was not delivered. `signal` ends the attempt. */
export interface AlertSender {
  send(notification: AlertNotification, signal: AbortSignal): Promise<void>;
}
