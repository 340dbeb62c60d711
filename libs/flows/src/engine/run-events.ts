import { flowRunChannel } from '../flows.channels.js';
import type { FlowRunStatus, FlowTriggerInfo } from '../interfaces/flow-run.interface.js';

/** Publishes a run's change of status on `aiwire:flow:run`; builds nothing when nobody listens. */
export function publishRun(runId: string, hash: Readonly<Record<string, string>>, status: FlowRunStatus, extra: { previous?: FlowRunStatus; error?: string } = {}): void {
  if (!flowRunChannel.hasSubscribers) return;
  const trigger = hash.trigger === undefined ? 'start' : (JSON.parse(hash.trigger) as FlowTriggerInfo).kind;
  const ended = status === 'completed' || status === 'failed' || status === 'cancelled';
  flowRunChannel.publish({
    runId,
    flow: hash.flow ?? '',
    status,
    trigger,
    ...(extra.previous !== undefined && { previous: extra.previous }),
    ...(ended && { durationMs: Date.now() - Number(hash.createdAt) }),
    ...(extra.error !== undefined && { error: extra.error }),
  });
}
