import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { FlowEmitResult, FlowRunDetail } from '@aiwire/flows';
import { compileFixture, startChild, type ChildApp } from '../../../../test/support/processes.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';

/** An API process of the fixture, reached over HTTP. */
export interface ApiProcess {
  readonly child: ChildApp;
  start(flow: string, input: unknown, id?: string): Promise<string>;
  emit(event: string, payload: unknown, id?: string): Promise<FlowEmitResult>;
  run(runId: string): Promise<FlowRunDetail | { status: 'none' }>;
}

/**
 * Real processes of one app (test/fixtures/flows-app.ts, built and run as plain Node), sharing a
 * Redis prefix unique to the test file: workers, API processes, and a ledger the flows write.
 */
export class Deployment {
  readonly prefix: string;
  readonly redis = new Redis(REDIS_URL);
  private readonly children: ChildApp[] = [];
  private script: string | undefined;

  constructor(name: string) {
    this.prefix = uniquePrefix(`flows-${name}`);
  }

  /** Builds core, webhooks and flows, then the fixture; once per file. */
  build(): void {
    this.script = compileFixture(fileURLToPath(new URL('../fixtures/flows-app.ts', import.meta.url)), ['core', 'webhooks', 'flows']);
  }

  async worker(name: string, env: Record<string, string> = {}): Promise<ChildApp> {
    const child = this.spawn('worker', name, env);
    await this.started(`worker ${name}`, child);
    return child;
  }

  async api(name: string, env: Record<string, string> = {}): Promise<ApiProcess> {
    const child = this.spawn('api', name, env);
    const line = await this.started(`api ${name} `, child);
    const url = line.split(' ')[2]!;
    const call = async <T>(path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    return {
      child,
      start: async (flow, input, id) => (await call<{ runId: string }>('/flows/start', { flow, input, id })).runId,
      emit: (event, payload, id) => call('/flows/emit', { event, payload, id }),
      run: (runId) => call(`/flows/runs/${encodeURIComponent(runId)}`),
    };
  }

  /** SIGTERM (a graceful stop: Nest's shutdown hooks run) or SIGKILL; resolves once it exited. */
  async stop(child: ChildApp, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill(signal);
    await child.exited;
  }

  ledger(key: string): Promise<string[]> {
    return this.redis.lrange(`${this.prefix}:${key}`, 0, -1);
  }

  async close(): Promise<void> {
    for (const child of this.children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await Promise.all(this.children.map((c) => c.exited));
    await deleteKeys(this.prefix);
    this.redis.disconnect();
  }

  private spawn(role: string, name: string, env: Record<string, string>): ChildApp {
    if (this.script === undefined) throw new Error('Deployment.build() first');
    const child = startChild(this.script, { REDIS_URL, PREFIX: this.prefix, ROLE: role, NAME: name, ...env });
    this.children.push(child);
    return child;
  }

  private async started(prefix: string, child: ChildApp): Promise<string> {
    return waitFor(async () => {
      if (child.process.exitCode !== null) throw new Error(`${prefix.trim()} exited:\n${child.output()}`);
      return (await this.ledger('processes')).find((line) => line === prefix || line.startsWith(prefix));
    }, 30_000, `${prefix.trim()} to start:\n${child.output()}`);
  }
}

/** Polls the run through `api` until its status is `status`. */
export async function waitForStatus(api: ApiProcess, runId: string, status: string, timeoutMs = 20_000): Promise<FlowRunDetail> {
  return waitFor(async () => {
    const run = await api.run(runId);
    return run.status === status && (run as FlowRunDetail);
  }, timeoutMs, `run ${runId} to be ${status}`);
}
