import type { RedisClient } from '@aiwire/core';
import { FlowKeys } from './flow-keys.js';
import { ADMIT, CANCEL_RUN, CREATE_RUN, LOCK_AND_LOAD, RECORD_STEP, RELEASE, RELEASE_LOCK, RENEW_LOCK, REPLAY_RUN, RESOLVE_WAIT, UPDATE_RUN } from './run-scripts.js';
import type { LoadedRun, StoredStep } from './stored-run.js';
import type { FlowRunStatus, FlowWaitingFor } from '../interfaces/flow-run.interface.js';

/** How a step record also changes its run: the status a park sets, and what it waits for. */
export interface RunChange {
  readonly status?: FlowRunStatus;
  /** `null` deletes it. */
  readonly waitingFor?: FlowWaitingFor | null;
}

/** Every Redis read and write of the engine; one round trip each. */
export class RunStore {
  readonly keys: FlowKeys;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    private readonly retentionSeconds: number,
  ) {
    this.keys = new FlowKeys(keyPrefix);
  }

  /** Creates the run hash unless the id exists; true when created. */
  async create(runId: string, fields: Readonly<Record<string, string>>): Promise<boolean> {
    const created = await CREATE_RUN.run(this.redis, [this.keys.run(runId)], Object.entries(fields).flat());
    return created === 1;
  }

  /** Adds the run to the list indexes and drops entries older than the retention (lazily, on write). */
  async index(runId: string, flow: string, createdAt: number): Promise<void> {
    const horizon = `(${createdAt - this.retentionSeconds * 1_000}`;
    // Separate commands, not a pipeline: the two indexes hash to different slots on a Redis Cluster.
    await Promise.all([
      this.redis.zadd(this.keys.runs(), createdAt, runId),
      this.redis.zremrangebyscore(this.keys.runs(), '-inf', horizon),
      this.redis.zadd(this.keys.flowRuns(flow), createdAt, runId),
      this.redis.zremrangebyscore(this.keys.flowRuns(flow), '-inf', horizon),
    ]);
  }

  async load(runId: string): Promise<LoadedRun | undefined> {
    const [run, steps, order] = this.keys.runKeys(runId);
    const replies = await this.redis.multi().hgetall(run).hgetall(steps).lrange(order, 0, -1).exec();
    if (!replies) return undefined;
    for (const [error] of replies) if (error) throw error;
    const hash = replies[0]![1] as Record<string, string>;
    if (hash.status === undefined) return undefined;
    return loaded(runId, hash, Object.entries(replies[1]![1] as Record<string, string>), replies[2]![1] as string[]);
  }

  /**
   * Takes the run's execution lock and loads the run, marking it running when it can go on (see
   * `LOCK_AND_LOAD`); `locked` when another execution holds it. The hash is as it was before.
   */
  async lockAndLoad(runId: string, token: string, ttlMs: number): Promise<LoadedRun | 'locked' | undefined> {
    const reply = (await LOCK_AND_LOAD.run(this.redis, [...this.keys.runKeys(runId), this.keys.lock(runId)], [token, ttlMs, Date.now()])) as [number, string[]?, string[]?, string[]?];
    if (reply[0] === 0) return 'locked';
    if (reply[0] === 1) return undefined;
    return loaded(runId, pairs(reply[1]!), Object.entries(pairs(reply[2]!)), reply[3]!);
  }

  async hash(runId: string): Promise<Record<string, string> | undefined> {
    const hash = await this.redis.hgetall(this.keys.run(runId));
    return hash.status === undefined ? undefined : hash;
  }

  /** Stores a step record at its position (and the run's change) in one script; resolves to whether a cancel was requested. */
  async recordStep(runId: string, step: StoredStep, change: RunChange = {}): Promise<boolean> {
    const waitingFor = change.waitingFor === null ? '-' : change.waitingFor === undefined ? '' : JSON.stringify(change.waitingFor);
    const reply = await RECORD_STEP.run(this.redis, this.keys.runKeys(runId), [step.id, JSON.stringify(step), step.seq, Date.now(), change.status ?? '', waitingFor]);
    return reply === 1;
  }

  /** Ends a wait if its record is still `expected`; true when this call ended it. */
  async resolveWait(runId: string, stepId: string, expected: string, next: StoredStep): Promise<boolean> {
    const reply = await RESOLVE_WAIT.run(this.redis, [this.keys.run(runId), this.keys.steps(runId)], [stepId, expected, JSON.stringify(next), Date.now()]);
    return reply === 1;
  }

  async stepRaw(runId: string, stepId: string): Promise<string | null> {
    return this.redis.hget(this.keys.steps(runId), stepId);
  }

  /** Sets and deletes fields of the run hash; with `expire`, the run's keys expire after the retention. */
  async update(runId: string, set: Readonly<Record<string, string>>, del: readonly string[] = [], expire = false): Promise<void> {
    const pairs = Object.entries({ ...set, updatedAt: String(Date.now()) }).flat();
    await UPDATE_RUN.run(this.redis, this.keys.runKeys(runId), [expire ? this.retentionSeconds : 0, pairs.length / 2, ...pairs, ...del]);
  }

  async cancel(runId: string): Promise<{ outcome: 'gone' | 'requested' | 'cancelled'; previous?: FlowRunStatus }> {
    const reply = (await CANCEL_RUN.run(this.redis, [...this.keys.runKeys(runId), this.keys.lock(runId)], [Date.now(), this.retentionSeconds])) as [number, string?];
    if (reply[0] === 2) return { outcome: 'cancelled', previous: reply[1] as FlowRunStatus };
    return { outcome: reply[0] === 1 ? 'requested' : 'gone' };
  }

  async replay(runId: string, keep: number, forget: readonly string[]): Promise<boolean> {
    return (await REPLAY_RUN.run(this.redis, this.keys.runKeys(runId), [Date.now(), keep, ...forget])) === 1;
  }

  async renewLock(runId: string, token: string, ttlMs: number): Promise<boolean> {
    return (await RENEW_LOCK.run(this.redis, [this.keys.lock(runId)], [token, ttlMs])) === 1;
  }

  async unlock(runId: string, token: string): Promise<void> {
    await RELEASE_LOCK.run(this.redis, [this.keys.lock(runId)], [token]);
  }

  async admit(flow: string, key: string, runId: string, limit: number): Promise<boolean> {
    return (await ADMIT.run(this.redis, this.keys.concurrency(flow, key), [runId, limit, Date.now()])) === 1;
  }

  async release(flow: string, key: string, runId: string, limit: number): Promise<string[]> {
    return (await RELEASE.run(this.redis, this.keys.concurrency(flow, key), [runId, limit, Date.now()])) as string[];
  }

  /** Registers `member` under an event match (a wait, or a cancelOn). */
  async addMatch(kind: 'waits' | 'cancel', event: string, field: string, value: string, member: string): Promise<void> {
    await Promise.all([this.redis.sadd(this.keys.matchFields(kind, event), field), this.redis.sadd(this.keys.matchMembers(kind, event, field, value), member)]);
  }

  async removeMatch(kind: 'waits' | 'cancel', event: string, field: string, value: string, member: string): Promise<void> {
    await this.redis.srem(this.keys.matchMembers(kind, event, field, value), member);
  }

  async matchFields(kind: 'waits' | 'cancel', event: string): Promise<string[]> {
    return this.redis.smembers(this.keys.matchFields(kind, event));
  }

  async matchMembers(kind: 'waits' | 'cancel', event: string, field: string, value: string): Promise<string[]> {
    return this.redis.smembers(this.keys.matchMembers(kind, event, field, value));
  }

  /** Notes a run about to be queued, to be checked after `deadline` (ms) in case its job never gets added. */
  async markPending(runId: string, deadline: number): Promise<void> {
    await this.redis.zadd(this.keys.pending(), deadline, runId);
  }

  async duePending(now: number, count: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.pending(), '-inf', now, 'LIMIT', 0, count);
  }

  async clearPending(runId: string): Promise<void> {
    await this.redis.zrem(this.keys.pending(), runId);
  }

  async isAdmitted(flow: string, key: string, runId: string): Promise<boolean> {
    return (await this.redis.zscore(this.keys.concurrency(flow, key)[0], runId)) !== null;
  }

  async isLocked(runId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.lock(runId))) === 1;
  }

  /** Marks an emitted event id as seen; false when it was seen already. */
  async markEmitted(eventId: string): Promise<boolean> {
    return (await this.redis.set(this.keys.emitted(eventId), '1', 'EX', this.retentionSeconds, 'NX')) === 'OK';
  }

  get client(): RedisClient {
    return this.redis;
  }
}

function loaded(id: string, hash: Record<string, string>, rawEntries: [string, string][], order: string[]): LoadedRun {
  const rawSteps = new Map(rawEntries);
  const steps = new Map<string, StoredStep>();
  for (const [stepId, raw] of rawSteps) steps.set(stepId, JSON.parse(raw) as StoredStep);
  return { id, hash, steps, rawSteps, order };
}

/** A flat HGETALL reply from a script, as an object. */
function pairs(flat: readonly string[]): Record<string, string> {
  const object: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) object[flat[i]!] = flat[i + 1]!;
  return object;
}
