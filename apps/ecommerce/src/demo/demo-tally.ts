import { intakeChannel, type WebhookIntakeMessage } from '@aiwire/webhooks';
import { flowRunChannel, type FlowRunMessage, type FlowRunStatus } from '@aiwire/flows';
import { requestChannel, type AiRequestMessage } from '@aiwire/ai';

export interface FlowTally {
  completed: number;
  failed: number;
  cancelled: number;
  /** Queued or running. */
  active: number;
  /** Sleeping or waiting for an event: not done, holding no worker. */
  parked: number;
}

const ACTIVE: ReadonlySet<FlowRunStatus> = new Set(['queued', 'running']);
const PARKED: ReadonlySet<FlowRunStatus> = new Set(['sleeping', 'waiting']);

/**
 * What the demo saw on the libraries' diagnostics channels while it played: every answer of the
 * intake, every flow run's latest status, every AI call with its cost. The same events
 * `@aiwire/monitoring` turns into `/metrics`; this process runs the intake and the workers, so it
 * sees them all.
 */
export class DemoTally {
  accepted = 0;
  duplicates = 0;
  rejected = 0;
  /** `<source> <status> <outcome>` of every answer that was neither accepted nor a duplicate. */
  readonly rejections = new Map<string, number>();
  readonly runs = new Map<string, { readonly flow: string; status: FlowRunStatus; error?: string }>();
  /** `chat()` calls (task helpers included), how many the cache answered, failed ones, and their cost. */
  readonly ai = { calls: 0, cached: 0, errors: 0, costUsd: 0 };

  private readonly onIntake = (m: WebhookIntakeMessage): void => {
    if (m.outcome === 'accepted') this.accepted++;
    else if (m.outcome === 'duplicate') this.duplicates++;
    else {
      this.rejected++;
      const key = `${m.source} ${m.status} ${m.outcome}`;
      this.rejections.set(key, (this.rejections.get(key) ?? 0) + 1);
    }
  };

  private readonly onRun = (m: FlowRunMessage): void => {
    const run = this.runs.get(m.runId);
    if (run) {
      run.status = m.status;
      if (m.error) run.error = m.error;
    } else this.runs.set(m.runId, { flow: m.flow, status: m.status, ...(m.error && { error: m.error }) });
  };

  private readonly onAi = (m: AiRequestMessage): void => {
    this.ai.calls++;
    if (m.cached) this.ai.cached++;
    if (m.outcome === 'error') this.ai.errors++;
    this.ai.costUsd += m.costUsd;
  };

  start(): this {
    intakeChannel.subscribe(this.onIntake);
    flowRunChannel.subscribe(this.onRun);
    requestChannel.subscribe(this.onAi);
    return this;
  }

  stop(): void {
    intakeChannel.unsubscribe(this.onIntake);
    flowRunChannel.unsubscribe(this.onRun);
    requestChannel.unsubscribe(this.onAi);
  }

  /** Runs by flow name, in name order. */
  flows(): Map<string, FlowTally> {
    const out = new Map<string, FlowTally>();
    for (const run of [...this.runs.values()].sort((a, b) => a.flow.localeCompare(b.flow))) {
      const t = out.get(run.flow) ?? { completed: 0, failed: 0, cancelled: 0, active: 0, parked: 0 };
      if (run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled') t[run.status]++;
      else if (ACTIVE.has(run.status)) t.active++;
      else if (PARKED.has(run.status)) t.parked++;
      out.set(run.flow, t);
    }
    return out;
  }

  /** Runs still queued or running. */
  activeRuns(): number {
    let n = 0;
    for (const run of this.runs.values()) if (ACTIVE.has(run.status)) n++;
    return n;
  }

  totals(): FlowTally {
    const sum: FlowTally = { completed: 0, failed: 0, cancelled: 0, active: 0, parked: 0 };
    for (const t of this.flows().values()) for (const k of Object.keys(sum) as (keyof FlowTally)[]) sum[k] += t[k];
    return sum;
  }
}
