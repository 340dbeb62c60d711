import type { FlowRunDetail, FlowStepRecord, FlowTriggerInfo, FlowWaitingFor } from '@aiwire/flows';
import { formatTime } from './html.js';

/** `webhook helpdesk ticket.created`, `cron at ...`, `event order.held`, `start`. */
export function triggerText(trigger: FlowTriggerInfo): string {
  switch (trigger.kind) {
    case 'webhook':
      return ['webhook', trigger.source, trigger.type].filter(Boolean).join(' ');
    case 'event':
      return `event ${trigger.type ?? ''}`.trim();
    case 'cron':
      return trigger.scheduledAt ? `cron, due ${formatTime(trigger.scheduledAt)}` : 'cron';
    default:
      return trigger.kind;
  }
}

/** What a parked run waits for, in a sentence (`naming` its step); empty when it waits for nothing. */
export function waitingText(waiting: FlowWaitingFor | undefined, naming = true): string {
  if (!waiting) return '';
  const step = naming && waiting.step ? ` (step ${waiting.step})` : '';
  const until = waiting.until ? ` until ${formatTime(waiting.until)}` : '';
  switch (waiting.kind) {
    case 'event':
      return `waits for event ${waiting.event ?? '?'}${waiting.match ? ` where ${waiting.match.field} = ${waiting.match.value}` : ''}${until}${step}`;
    case 'sleep':
      return `sleeps${until}${step}`;
    case 'retry':
      return `retries ${waiting.step ?? 'a step'}${waiting.until ? ` at ${formatTime(waiting.until)}` : ''}`;
    case 'concurrency':
      return 'queued behind its concurrency key';
    default:
      return waiting.kind;
  }
}

/** What a parked step waits for: the run's `waitingFor` when it names this step, else its wake time. */
export function stepWaitText(run: FlowRunDetail, step: FlowStepRecord): string {
  if (run.waitingFor?.step === step.id) return waitingText(run.waitingFor, false);
  if (step.status === 'sleeping') return `sleeps until ${formatTime(step.wakeAt)}`;
  if (step.status === 'waiting') return `waits${step.wakeAt ? ` until ${formatTime(step.wakeAt)}` : ''}`;
  if (step.status === 'retrying' && step.wakeAt) return `next attempt at ${formatTime(step.wakeAt)}`;
  return '';
}
