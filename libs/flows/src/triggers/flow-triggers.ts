import type { FlowCronTrigger, FlowTrigger, FlowWebhookTrigger } from '../interfaces/flow-options.interface.js';
import type { RegisteredFlow } from '../interfaces/registered-flow.interface.js';
import { compilePattern } from '@aiwire/core';

/** One webhook trigger of one flow, its type pattern compiled. */
export interface WebhookTriggerOf {
  readonly flow: string;
  readonly type: string;
  readonly source: string | undefined;
  readonly matches: (source: string, type: string) => boolean;
}

/** One cron trigger of one flow. */
export interface CronTriggerOf {
  readonly flow: string;
  readonly target: string;
  readonly cron: string;
  readonly tz: string | undefined;
}

function triggersOf(flow: RegisteredFlow): readonly FlowTrigger[] {
  const { trigger } = flow.options;
  if (trigger === undefined) return [];
  return isTriggerList(trigger) ? trigger : [trigger];
}

function isTriggerList(trigger: FlowTrigger | readonly FlowTrigger[]): trigger is readonly FlowTrigger[] {
  return Array.isArray(trigger);
}

function isWebhook(trigger: FlowTrigger): trigger is FlowWebhookTrigger {
  return 'webhook' in trigger;
}

function isCron(trigger: FlowTrigger): trigger is FlowCronTrigger {
  return 'cron' in trigger;
}

/** Every webhook trigger of every flow. */
export function webhookTriggers(flows: readonly RegisteredFlow[]): WebhookTriggerOf[] {
  return flows.flatMap((flow) =>
    triggersOf(flow).filter(isWebhook).map((t) => {
      const matchType = compilePattern(t.webhook);
      return {
        flow: flow.name, type: t.webhook, source: t.source,
        matches: (source: string, type: string) => (t.source === undefined || t.source === source) && matchType(type),
      };
    }),
  );
}

/** Every cron trigger of every flow. */
export function cronTriggers(flows: readonly RegisteredFlow[]): CronTriggerOf[] {
  return flows.flatMap((flow) => triggersOf(flow).filter(isCron).map((t) => ({ flow: flow.name, target: flow.target, cron: t.cron, tz: t.tz })));
}
