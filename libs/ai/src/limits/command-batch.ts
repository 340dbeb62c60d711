import type { ChainableCommander } from 'ioredis';
import type { RedisClient, RedisScript } from '@aiwire/core';

/** How a command's answer comes back: ioredis calls it as soon as that answer is read. */
export type Callback = (error?: Error | null, value?: unknown) => void;
type Queued = (pipeline: ChainableCommander) => void;

/**
 * How long a write nobody waits for may wait for others: Redis woken once for several calls'
 * settles instead of once per command (a socket write and a wake-up of Redis cost more than the
 * command). Refunds and reports reach the buckets this much later at most.
 */
export const BATCH_MS = 5;

/**
 * The limiter's writes that no caller waits for (settles, calls paid from a lease, leases), sent
 * in order, in one pipeline per group (a provider: its keys share one hash slot) at most BATCH_MS
 * after the first of them. A command sent outside the batch that must run after these (a
 * reservation that waits for its charge) flushes the group first: Redis runs one connection's
 * commands in order.
 */
export class CommandBatch {
  private readonly queued = new Map<string, Queued[]>();
  /** Every command queued and not answered yet, for drain(). */
  private readonly unanswered = new Set<Promise<unknown>>();
  private scheduled = false;

  constructor(private readonly redis: RedisClient) {}

  /**
   * Queues a script (EVALSHA); resolves to its reply. Should Redis not know it (a restart, SCRIPT
   * FLUSH), it is sent again as EVAL as soon as that answer is read, as RedisScript does: ahead of
   * a command its caller sends once the answers that followed it are read.
   */
  script(group: string, script: RedisScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.tracked(new Promise((resolve, reject) => {
      this.queue(group, (pipeline) => {
        pipeline.evalsha(script.sha, keys.length, ...keys, ...args, (error?: Error | null, value?: unknown) => {
          if (!error) resolve(value);
          else if (!error.message.startsWith('NOSCRIPT')) reject(error);
          else this.redis.eval(script.lua, keys.length, ...keys, ...args).then(resolve, reject);
        });
      });
    }));
  }

  /** Queues one command, which `add` puts in the pipeline with the callback given; resolves to its reply. */
  command(group: string, add: (pipeline: ChainableCommander, callback: Callback) => void): Promise<unknown> {
    return this.tracked(new Promise((resolve, reject) => {
      this.queue(group, (pipeline) => add(pipeline, (error, value) => (error ? reject(error) : resolve(value))));
    }));
  }

  /** Whether a command is queued or not answered yet. */
  get busy(): boolean {
    return this.unanswered.size > 0;
  }

  /** Sends everything queued and resolves once every command is answered (or failed). */
  async drain(): Promise<void> {
    this.flush();
    while (this.unanswered.size > 0) await Promise.all(this.unanswered);
  }

  /** Sends what is queued now: the group's, or every group's. */
  flush(group?: string): void {
    if (group === undefined) this.scheduled = false;
    for (const name of group === undefined ? [...this.queued.keys()] : [group]) {
      const list = this.queued.get(name);
      if (!list) continue;
      this.queued.delete(name);
      const pipeline = this.redis.pipeline();
      for (const add of list) add(pipeline);
      // Each command answers through its own callback; a failed pipeline fails each of them too.
      pipeline.exec().catch(() => undefined);
    }
  }

  private tracked(answer: Promise<unknown>): Promise<unknown> {
    const settled = answer.then(
      () => undefined,
      () => undefined,
    );
    this.unanswered.add(settled);
    void settled.then(() => this.unanswered.delete(settled));
    return answer;
  }

  private queue(group: string, add: Queued): void {
    let list = this.queued.get(group);
    if (!list) this.queued.set(group, (list = []));
    list.push(add);
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => this.flush(), BATCH_MS);
    }
  }
}
