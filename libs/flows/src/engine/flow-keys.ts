/**
 * Redis keys of the engine. A run's keys share the hash tag `{runId}` and a concurrency key's two
 * keys share `{flow:key}`, so every script touches one slot and a Redis Cluster spreads runs.
 */
export class FlowKeys {
  constructor(readonly prefix: string) {}

  run(runId: string): string {
    return `${this.prefix}:run:{${runId}}`;
  }

  steps(runId: string): string {
    return `${this.run(runId)}:steps`;
  }

  order(runId: string): string {
    return `${this.run(runId)}:order`;
  }

  lock(runId: string): string {
    return `${this.run(runId)}:lock`;
  }

  /** The run's three data keys (the lock expires on its own). */
  runKeys(runId: string): [string, string, string] {
    return [this.run(runId), this.steps(runId), this.order(runId)];
  }

  runs(): string {
    return `${this.prefix}:runs`;
  }

  flowRuns(flow: string): string {
    return `${this.prefix}:runs:flow:${flow}`;
  }

  /** `kind` `waits`: runs parked in `waitForEvent`; `cancel`: runs a `cancelOn` stops. The set of fields matched for `event`. */
  matchFields(kind: 'waits' | 'cancel', event: string): string {
    return `${this.prefix}:${kind}:${event}`;
  }

  /** Members waiting for `event` whose `field` equals `value` (JSON), or every one for field ''. */
  matchMembers(kind: 'waits' | 'cancel', event: string, field: string, value: string): string {
    return `${this.prefix}:${kind}:${event}:${field}:${value}`;
  }

  concurrency(flow: string, key: string): [active: string, queue: string] {
    const base = `${this.prefix}:conc:{${flow}:${key}}`;
    return [`${base}:active`, `${base}:queue`];
  }

  /** Runs started (or replayed) lately, by when they should have begun: what `RunRecovery` checks. */
  pending(): string {
    return `${this.prefix}:pending`;
  }

  emitted(eventId: string): string {
    return `${this.prefix}:emitted:${eventId}`;
  }
}
