import type { Provider } from '@nestjs/common';
import { WebhookTriggers } from './webhook-triggers.js';
import { CronTriggers } from './cron-triggers.js';

/** The triggers besides `FlowsService.start()` and `emit()`: webhook types and cron schedules. */
export const flowTriggerProviders: Provider[] = [WebhookTriggers, CronTriggers];
