import { Injectable } from '@nestjs/common';
import { FlowRegistry } from '../flows.registry.js';
import { FlowScheduler } from './flow-scheduler.js';
import { RunStore } from './run-store.js';
import { iso, valueAt } from './step-helpers.js';
import type { StoredStep } from './stored-run.js';
import type { FlowEmitOptions, FlowEmitResult, FlowTriggerInfo } from '../interfaces/flow-run.interface.js';
import type { FlowEventTrigger, FlowTrigger } from '../interfaces/flow-options.interface.js';

type Start = (name: string, input: unknown, options: { id?: string; trigger: FlowTriggerInfo }) => Promise<{ runId: string; created: boolean }>;
type Cancel = (runId: string) => Promise<boolean>;

/** `FlowsService.emit`: event triggers, waits and cancelOn, in that order. */
@Injectable()
export class FlowEvents {
  constructor(
    private readonly store: RunStore,
    private readonly scheduler: FlowScheduler,
    private readonly registry: FlowRegistry,
  ) {}

  async emit(event: string, payload: unknown, options: FlowEmitOptions, start: Start, cancel: Cancel): Promise<FlowEmitResult> {
    if (options.id !== undefined && !(await this.store.markEmitted(options.id))) return { started: [], resumed: [], cancelled: [] };
    const started = await this.startTriggered(event, payload, options.id, start);
    const resumed = await this.resume(event, payload);
    const cancelled: string[] = [];
    for (const runId of await this.matching('cancel', event, payload)) if (await cancel(runId)) cancelled.push(runId);
    return { started, resumed, cancelled };
  }

  /** One run per flow triggered by the event; its id is the event's when one flow is, `<id>:<flow>` when several are. */
  private async startTriggered(event: string, payload: unknown, id: string | undefined, start: Start): Promise<string[]> {
    const flows = this.registry.all().filter((flow) => triggersOf(flow.options.trigger).some((t) => 'event' in t && (t as FlowEventTrigger).event === event));
    const started: string[] = [];
    for (const flow of flows) {
      const runId = id === undefined ? undefined : flows.length === 1 ? id : `${id}:${flow.name}`;
      const result = await start(flow.name, payload, { ...(runId !== undefined && { id: runId }), trigger: { kind: 'event', type: event } });
      if (result.created) started.push(result.runId);
    }
    return started;
  }

  /** Ends every matching wait still waiting (the first emit wins), and enqueues its run. */
  private async resume(event: string, payload: unknown): Promise<string[]> {
    const resumed: string[] = [];
    for (const member of await this.matching('waits', event, payload)) {
      const [runId, stepId] = JSON.parse(member) as [string, string];
      const raw = await this.store.stepRaw(runId, stepId);
      const step = raw === null ? undefined : (JSON.parse(raw) as StoredStep);
      if (step?.status === 'waiting') {
        const now = Date.now();
        const done: StoredStep = { ...step, status: 'completed', finishedAt: iso(now), durationMs: now - Date.parse(step.startedAt), output: payload ?? null };
        if (await this.store.resolveWait(runId, stepId, raw!, done)) {
          await this.scheduler.enqueue(runId);
          resumed.push(runId);
        }
      }
      if (step?.wait) await this.store.removeMatch('waits', event, step.wait.field, step.wait.value, member);
    }
    return resumed;
  }

  /** Members registered for `event` whose match field has, in `payload`, the value they wait for. */
  private async matching(kind: 'waits' | 'cancel', event: string, payload: unknown): Promise<string[]> {
    const members = new Set<string>();
    for (const field of await this.store.matchFields(kind, event)) {
      const value = field === '' ? '' : JSON.stringify(valueAt(payload, field) ?? null);
      for (const member of await this.store.matchMembers(kind, event, field, value)) members.add(member);
    }
    return [...members];
  }
}

function triggersOf(trigger: FlowTrigger | readonly FlowTrigger[] | undefined): readonly FlowTrigger[] {
  if (trigger === undefined) return [];
  return Array.isArray(trigger) ? trigger : [trigger as FlowTrigger];
}
