import { RedisScript, type RedisClient } from '@aiwire/core';
import { CLAIM_LUA, FLUSH_LUA, SETTLE_LUA, TRANSITION_LUA, WINDOW_SUMS_LUA } from './alerts.lua.js';

const flushScript = new RedisScript(FLUSH_LUA);
const sumsScript = new RedisScript(WINDOW_SUMS_LUA);
const transitionScript = new RedisScript(TRANSITION_LUA);
const claimScript = new RedisScript(CLAIM_LUA);
const settleScript = new RedisScript(SETTLE_LUA);

/** Pending local counts of one rule: bucket → amount. */
export interface PendingCounts {
  readonly key: string;
  readonly ttlMs: number;
  readonly buckets: ReadonlyMap<number, number>;
}

/** What a transition says about a rule (the script adds the times and the ids). */
export interface TransitionInput {
  readonly rule: string;
  readonly state: 'firing' | 'resolved';
  readonly value: number;
  readonly threshold: number;
  readonly window: string | undefined;
  readonly condition: string;
}

export type Settlement = 'done' | 'retry' | 'dropped' | 'stale';

/**
 * The shared state of the alerts in Redis, under `{keyPrefix}:alerts:`: the counts buckets of each
 * rule, each rule's state, and its queue of notifications with the set of rules that have one due.
 */
export class AlertStore {
  private readonly base: string;

  constructor(private readonly redis: RedisClient, keyPrefix: string) {
    this.base = `${keyPrefix}:alerts`;
  }

  countsKey(rule: string, fingerprint: string): string {
    return `${this.base}:count:${rule}:${fingerprint}`;
  }

  async flush(pending: readonly PendingCounts[]): Promise<void> {
    if (pending.length === 0) return;
    const args = pending.flatMap((p) => [p.ttlMs, p.buckets.size, ...[...p.buckets].flat()]);
    await flushScript.run(this.redis, pending.map((p) => p.key), args);
  }

  /** The sum of each window, in the order given. */
  async sums(windows: readonly { key: string; first: number; last: number }[]): Promise<number[]> {
    if (windows.length === 0) return [];
    const reply = (await sumsScript.run(this.redis, windows.map((w) => w.key), windows.flatMap((w) => [w.first, w.last]))) as string[];
    return reply.map(Number);
  }

  /** The notification queued when this call moved the rule, else undefined (already in that state). */
  async transition(input: TransitionInput): Promise<string | undefined> {
    const keys = [this.stateKey(input.rule), this.queueKey(input.rule), this.dueKey()];
    const args = [input.rule, input.state, input.value, input.threshold, input.window ?? '', input.condition];
    const note = await transitionScript.run(this.redis, keys, args);
    return typeof note === 'string' ? note : undefined;
  }

  /** Rules that have a notification queued, with when it is due (or when the lease on it ends), ms. */
  async due(): Promise<{ rule: string; at: number }[]> {
    const flat = await this.redis.zrange(this.dueKey(), '0', '-1', 'WITHSCORES');
    const due: { rule: string; at: number }[] = [];
    for (let i = 0; i < flat.length; i += 2) due.push({ rule: flat[i]!, at: Number(flat[i + 1]) });
    return due;
  }

  /** The rule's first queued notification and its attempt number, now held by this caller for `leaseMs`; undefined when not due or held. */
  async claim(rule: string, leaseMs: number): Promise<{ note: string; attempt: number } | undefined> {
    const reply = await claimScript.run(this.redis, this.deliveryKeys(rule), [rule, leaseMs]);
    if (!Array.isArray(reply)) return undefined;
    return { note: String(reply[0]), attempt: Number(reply[1]) };
  }

  /** `retryInMs` undefined: delivered. Else retried after it, or dropped when `attempts` are spent. */
  async settle(rule: string, id: string, retryInMs: number | undefined, attempts: number): Promise<Settlement> {
    return (await settleScript.run(this.redis, this.deliveryKeys(rule), [rule, id, retryInMs === undefined ? 'done' : Math.round(retryInMs), attempts])) as Settlement;
  }

  private deliveryKeys(rule: string): string[] {
    return [this.dueKey(), this.queueKey(rule), `${this.base}:tries:${rule}`];
  }

  private stateKey(rule: string): string {
    return `${this.base}:state:${rule}`;
  }

  private queueKey(rule: string): string {
    return `${this.base}:queue:${rule}`;
  }

  private dueKey(): string {
    return `${this.base}:due`;
  }
}
