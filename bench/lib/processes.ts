import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `node [nodeArgs] script [args]` pinned to `core` with taskset; resolves once it prints `ready`. */
export async function startPinned(core: number, script: string, env: Record<string, string>, args: string[] = [], nodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn('taskset', ['-c', String(core), process.execPath, ...nodeArgs, script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
  return child;
}

/** Ends `child`: SIGKILL, or with `signal: 'SIGINT'` a normal exit (the targets exit on it, so --cpu-prof writes its profile). */
export async function stop(child: ChildProcess, signal: 'SIGKILL' | 'SIGINT' = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** A private, non-persistent redis-server pinned to `core`, so a benchmark shares nothing. */
export async function startRedis(core: number): Promise<{ url: string; child: ChildProcess; redis: Redis }> {
  const port = await freePort();
  const child = spawn('taskset', ['-c', String(core), 'redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  // Commands wait in ioredis' offline queue while redis-server starts.
  const redis = new Redis(url, { retryStrategy: () => 50, maxRetriesPerRequest: 100 });
  redis.on('error', () => undefined);
  await redis.ping();
  return { url, child, redis };
}

/** `getconf CLK_TCK`: Linux reports process times in these (100 on every common build). */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU time (user + system, in seconds) a process has used so far, from /proc (Linux). Per request,
 * it moves far less than req/s when other processes share the cores.
 */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after `pid (comm)`.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
