import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { REDIS_URL, deleteKeys, uniquePrefix } from './connectors-fixtures.js';

const libRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * One app process: boots the module from the built package, says `ready`, waits for `go` on stdin,
 * makes 3 calls at once and reports when they started and ended and which token events it saw.
 */
const CHILD = `
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConnectorsModule, ConnectorRegistry, tokenChannel } from '@aiwire/connectors';
const cfg = JSON.parse(process.argv[1]);
const app = await NestFactory.createApplicationContext(ConnectorsModule.forRoot({
  redis: { url: cfg.redisUrl },
  keyPrefix: cfg.prefix,
  connectors: { crm: { kind: 'hubspot', baseUrl: cfg.baseUrl, auth: { type: 'oauth2', ...cfg.oauth } } },
}), { logger: false });
const crm = app.get(ConnectorRegistry).get('crm');
const tokens = [];
tokenChannel.subscribe((m) => tokens.push(m.outcome));
process.stdout.write('ready\\n');
await new Promise((r) => process.stdin.once('data', r));
const startedAt = Date.now();
const contacts = await Promise.all(['101', '102', '103'].map((id) => crm.getContact(id)));
const doneAt = Date.now();
process.stdout.write(JSON.stringify({ pid: process.pid, ids: contacts.map((c) => c.id), startedAt, doneAt, tokens }) + '\\n');
await app.close();
`;

interface ChildReport {
  pid: number;
  ids: string[];
  startedAt: number;
  doneAt: number;
  tokens: string[];
}

/** Spawns one child; `ready` resolves once it booted, `report` with its last line once it exited. */
function child(cfg: object): { ready: Promise<void>; go(): void; report: Promise<ChildReport> } {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', CHILD, JSON.stringify(cfg)], { cwd: libRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  const killer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    proc.once('exit', () => reject(new Error(`child exited before it was ready: ${err}`)));
  });
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const report = new Promise<ChildReport>((resolve, reject) => {
    proc.once('exit', (code) => {
      clearTimeout(killer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ChildReport);
      else reject(new Error(`child exited with ${code}: ${err || out}`));
    });
  });
  report.catch(() => undefined); // awaited by the test; a child that never got ready fails `ready` first
  return { ready, report, go: () => proc.stdin.end('go\n') };
}

describe('oauth2 refresh race across two real processes sharing one Redis', () => {
  let sandbox: Sandbox;
  const prefix = uniquePrefix('oauth-race');

  beforeAll(() => {
    // The children import the published entry point (dist), so build it first.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-b', `${libRoot}tsconfig.lib.json`], { stdio: 'pipe' });
  }, 120_000);
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
    await deleteKeys(prefix);
  });

  it('two processes asking at once, both waiting on the one slow token request: the endpoint is asked exactly once', async () => {
    // The token endpoint takes 800 ms, so both processes are surely asking while no token exists yet.
    sandbox.faults.inject('oauth', { delayMs: 800, times: 4 });
    const c = sandbox.credentials;
    const cfg = {
      redisUrl: REDIS_URL,
      prefix,
      baseUrl: sandbox.urls.hubspot,
      oauth: { tokenUrl: sandbox.tokenUrl, clientId: c.oauthClientId, clientSecret: c.oauthClientSecret, refreshToken: c.oauthRefreshToken },
    };
    const children = [child(cfg), child(cfg)];
    await Promise.all(children.map((ch) => ch.ready));
    for (const ch of children) ch.go();
    const reports = await Promise.all(children.map((ch) => ch.report));

    expect(reports[0]!.pid).not.toBe(reports[1]!.pid);
    for (const report of reports) expect(report.ids).toEqual(['101', '102', '103']);
    expect(sandbox.state.oauth.issuedCount('refresh_token')).toBe(1);
    expect(sandbox.state.requests.count('oauth')).toBe(1);
    expect(sandbox.state.requests.filter('hubspot').map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // They contended: both started before the one token was issued, and both waited for it —
    // one holding the lock and asking, the other waiting on the lock and then reading the token.
    const issuedAt = sandbox.state.oauth.requests[0]!.at;
    for (const report of reports) {
      expect(report.startedAt).toBeLessThan(issuedAt);
      expect(report.doneAt).toBeGreaterThanOrEqual(issuedAt);
      expect(report.doneAt - report.startedAt).toBeGreaterThanOrEqual(700);
    }
    expect(reports.map((r) => r.tokens).sort()).toEqual([[], ['refreshed']]);
  }, 30_000);
});
