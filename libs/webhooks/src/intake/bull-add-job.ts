import { createRequire } from 'node:module';
import type { JobOptions, Queue } from 'bull';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { messages } from '../webhook.messages.js';

/** Where the installed Bull ships its `addJob` Lua, includes already inlined. */
export const BULL_ADD_JOB_SCRIPT = 'bull/lib/scripts/addJob-6.js';

/**
 * The Lua of the installed Bull's `addJob`, so the intake can run it inside its own script (one
 * round trip) and stay exactly what `queue.add()` would have written. As the intake calls it (no
 * delay, no priority, no debounce) it touches its six KEYS and the job's hash, `ARGV[1] .. jobId`,
 * which it names itself: the intake passes that name in its own KEYS (see intake.lua.ts), and
 * test/cluster.e2e-spec.ts audits at run time that nothing else is touched.
 */
export function loadBullAddJobScript(specifier = BULL_ADD_JOB_SCRIPT): string {
  const require = createRequire(import.meta.url);
  let script: { name?: unknown; keys?: unknown; content?: unknown };
  try {
    script = require(specifier) as typeof script;
  } catch (error) {
    // The first line only: Node appends the whole require stack to the message.
    throw new WebhookConfigurationError(messages.unsupportedBull((error instanceof Error ? error.message : String(error)).split('\n')[0]!));
  }
  if (script.name !== 'addJob' || script.keys !== 6 || typeof script.content !== 'string') {
    throw new WebhookConfigurationError(messages.unsupportedBull(`${specifier} is not Bull's six-key addJob script`));
  }
  return script.content;
}

/** The six queue keys Bull's addJob takes, in its order. */
export function bullAddJobKeys(queue: Queue): string[] {
  const keys = (queue as unknown as { keys: Record<string, string> }).keys;
  return [keys['wait']!, keys['paused']!, keys['meta-paused']!, keys['id']!, keys['delayed']!, keys['priority']!];
}

/** `queue.toKey('')`: the prefix Bull puts before a job id to name its hash (in the queue's hash slot). */
export function bullJobKeyPrefix(queue: Queue): string {
  return queue.toKey('');
}

/** Bull's per-queue token; its 'waiting' events are published under it. */
export function bullQueueToken(queue: Queue): string {
  return (queue as unknown as { token: string }).token;
}

/**
 * The `opts` stored for a job added with `options` at `timestamp`: what `new Job()` makes of them
 * (`attempts` defaulted, `timestamp` set), less `delay: 0` — the intake never delays a job, and
 * Bull's worker reads a missing `delay` as 0 (its `setDefaultOpts`; the job's own `delay` field,
 * which Bull's addJob writes, says 0 too). The worker parses these opts at every attempt.
 */
export function bullJobOptions(options: JobOptions & { jobId: string }, timestamp: number): string {
  return JSON.stringify({ ...options, attempts: options.attempts ?? 1, timestamp });
}
