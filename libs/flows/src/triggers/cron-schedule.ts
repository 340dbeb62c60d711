import { FlowConfigurationError } from '../errors/flow-configuration.error.js';
import { triggerMessages as messages } from './triggers.messages.js';

/** Name of the repeatable jobs of cron triggers on the flow queue. */
export const CRON_JOB_NAME = 'cron';

/** What a cron firing carries. */
export interface CronJobData {
  readonly flow: string;
}

/**
 * The repeatable's job id of a flow: stable across processes and restarts. Bull joins a
 * repeatable's key with `:` and splits it back, so the flow name is encoded to hold none.
 */
export function cronJobId(flow: string): string {
  return `flow-${encodeURIComponent(flow)}`;
}

/** Five or six fields; the content is checked by Bull's parser when the schedule is added. */
export function assertCronShape(flow: string, cron: string): void {
  const fields = cron.trim().split(/\s+/).length;
  if (cron.trim() === '' || fields < 5 || fields > 6) throw new FlowConfigurationError(messages.badCronShape(flow, cron));
}

export function assertTimeZone(flow: string, tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new FlowConfigurationError(messages.badTimeZone(flow, tz));
  }
}
