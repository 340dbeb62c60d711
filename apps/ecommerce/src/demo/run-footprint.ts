import { flowRunChannel, type FlowRunMessage } from '@aiwire/flows';

/** Every flow run this process saw, from the first event to shutdown: the demo's rows in `flow_runs`. */
export class RunFootprint {
  readonly runIds = new Set<string>();
  private readonly onRun = (m: FlowRunMessage): void => void this.runIds.add(m.runId);

  start(): this {
    flowRunChannel.subscribe(this.onRun);
    return this;
  }

  stop(): void {
    flowRunChannel.unsubscribe(this.onRun);
  }
}
