import type { Colour } from '../output/style.js';
import { table } from '../output/style.js';
import type { FlowRunDetailItem, FlowStepItem, FlowWaitingFor } from './admin-views.js';
import { duration, jsonCell, truncate, when } from './format.js';

type Paint = (colour: Colour, text: string) => string;

const STATUS_COLOUR: Readonly<Record<string, Colour>> = {
  completed: 'green', failed: 'red', cancelled: 'grey', retrying: 'yellow', running: 'cyan', queued: 'blue', sleeping: 'magenta', waiting: 'magenta',
};

/** A status in its colour. */
export function status(paint: Paint, value: string): string {
  return paint(STATUS_COLOUR[value] ?? 'bold', value);
}

/** What a parked run or step waits for, in words. */
export function waitingText(waiting: FlowWaitingFor | undefined): string {
  if (!waiting) return '';
  const until = waiting.until ? ` until ${when(waiting.until)}` : '';
  switch (waiting.kind) {
    case 'event':
      return `event '${waiting.event ?? '?'}'${waiting.match ? ` where ${waiting.match.field} = ${waiting.match.value}` : ''}${until}`;
    case 'sleep':
      return `sleep${until}`;
    case 'retry':
      return `retry of step '${waiting.step ?? '?'}'${until}`;
    case 'concurrency':
      return 'a free slot of its concurrency key';
    default:
      return `${waiting.kind}${until}`;
  }
}

/** The run's header and its steps' timeline, for `aiwire runs show`. */
export function timeline(run: FlowRunDetailItem, paint: Paint): string {
  const trigger = run.trigger ? [run.trigger.kind, run.trigger.source, run.trigger.type].filter(Boolean).join(' ') : '-';
  const head = [
    `${paint('bold', 'Run')}      ${run.id}`,
    `${paint('bold', 'Flow')}     ${run.flow}`,
    `${paint('bold', 'Status')}   ${status(paint, run.status)}${run.waitingFor ? ` — waits for ${waitingText(run.waitingFor)}` : ''}`,
    `${paint('bold', 'Trigger')}  ${trigger}`,
    `${paint('bold', 'Created')}  ${when(run.createdAt)} UTC, ${run.finishedAt ? `finished ${when(run.finishedAt)} UTC, ` : ''}took ${duration(run.durationMs)}`,
    ...(run.error ? [`${paint('bold', 'Error')}    ${paint('red', `${run.error.name}: ${truncate(run.error.message, 200)}`)}${run.error.step ? ` (step '${run.error.step}')` : ''}`] : []),
    ...(run.output !== undefined ? [`${paint('bold', 'Output')}   ${jsonCell(run.output, 200)}`] : []),
  ];
  if (run.steps.length === 0) return `${head.join('\n')}\n\nNo steps recorded yet.`;
  const rows = run.steps.map((step, i) => [String(i + 1), step.id, step.kind, status(paint, step.status), String(step.attempts), duration(step.durationMs), stepResult(step, paint)]);
  return `${head.join('\n')}\n\n${table(['#', 'STEP', 'KIND', 'STATUS', 'ATTEMPTS', 'TOOK', 'RESULT'], rows)}`;
}

/** The error, what it waits for, or its output cut to one line. */
function stepResult(step: FlowStepItem, paint: Paint): string {
  if (step.error) return paint('red', truncate(`${step.error.name}: ${step.error.message}`, 80)) + (step.status === 'retrying' && step.wakeAt ? ` (next attempt ${when(step.wakeAt)})` : '');
  if (step.status === 'sleeping') return `sleeps until ${when(step.wakeAt)}`;
  if (step.status === 'waiting') return `waits${step.wakeAt ? ` until ${when(step.wakeAt)} at most` : ''}`;
  if (step.status === 'retrying') return `next attempt ${when(step.wakeAt)}`;
  return step.output === undefined ? '' : jsonCell(step.output, 80);
}
