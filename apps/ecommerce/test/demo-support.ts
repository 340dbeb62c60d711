import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { REDIS_URL } from '../../../test/support/redis.js';

/** The built entry point, what `npm start` runs. */
export const MAIN = 'apps/ecommerce/dist/main.js';

/** Builds the app as `npm start` does (tsc -b: incremental, the libraries it references first). */
export function buildShop(): void {
  execFileSync('npx', ['tsc', '-b', 'apps/ecommerce/tsconfig.app.json'], { stdio: 'inherit' });
}

export interface ShopProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node main.js ...args` with exactly `env` on top of a clean environment (no DATABASE_URL etc. leaking in). */
export function runShop(args: readonly string[], env: Record<string, string>): ShopProcess {
  const base: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'NODE_OPTIONS', 'REDIS_URL', 'TMPDIR']) if (process.env[k] !== undefined) base[k] = process.env[k]!;
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

/** Every key under `prefix` (SCAN). */
export async function keysUnder(prefix: string): Promise<string[]> {
  const redis = new Redis(REDIS_URL);
  const found: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return found;
}

/** Resolves with the exit, or rejects after `ms` (and kills the child, so nothing outlives the test). */
export async function exitWithin(p: ShopProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.child.kill('SIGKILL');
      reject(new Error(`The shop did not exit within ${ms} ms. Output:\n${p.output()}`));
    }, ms);
  });
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
