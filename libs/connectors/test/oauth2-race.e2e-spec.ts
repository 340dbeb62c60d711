import { execFile, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { REDIS_URL, deleteKeys, uniquePrefix } from './connectors-fixtures.js';

const libRoot = fileURLToPath(new URL('..', import.meta.url));

/** One app process: boots the module from the built package, waits for the common start, makes 3 calls. */
const CHILD = `
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConnectorsModule, ConnectorRegistry } from '@aiwire/connectors';
const cfg = JSON.parse(process.argv[1]);
const app = await NestFactory.createApplicationContext(ConnectorsModule.forRoot({
  redis: { url: cfg.redisUrl },
  keyPrefix: cfg.prefix,
  connectors: { crm: { kind: 'hubspot', baseUrl: cfg.baseUrl, auth: { type: 'oauth2', ...cfg.oauth } } },
}), { logger: false });
const crm = app.get(ConnectorRegistry).get('crm');
await new Promise((r) => setTimeout(r, Math.max(0, cfg.startAt - Date.now())));
const contacts = await Promise.all(['101', '102', '103'].map((id) => crm.getContact(id)));
process.stdout.write(JSON.stringify({ pid: process.pid, ids: contacts.map((c) => c.id) }));
await app.close();
`;

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

  it('asks the token endpoint exactly once', async () => {
    // A slow token endpoint widens the window in which both processes find no token.
    sandbox.faults.inject('oauth', { delayMs: 300, times: 4 });
    const c = sandbox.credentials;
    const cfg = {
      redisUrl: REDIS_URL,
      prefix,
      baseUrl: sandbox.urls.hubspot,
      oauth: { tokenUrl: sandbox.tokenUrl, clientId: c.oauthClientId, clientSecret: c.oauthClientSecret, refreshToken: c.oauthRefreshToken },
      startAt: Date.now() + 3_000,
    };
    const run = promisify(execFile);
    const children = [1, 2].map(() => run(process.execPath, ['--input-type=module', '-e', CHILD, JSON.stringify(cfg)], { cwd: libRoot, timeout: 20_000 }));
    const outputs = (await Promise.all(children)).map(({ stdout }) => JSON.parse(stdout) as { pid: number; ids: string[] });

    expect(outputs[0]!.pid).not.toBe(outputs[1]!.pid);
    for (const out of outputs) expect(out.ids).toEqual(['101', '102', '103']);
    expect(sandbox.state.oauth.issuedCount('refresh_token')).toBe(1);
    expect(sandbox.state.requests.count('oauth')).toBe(1);
    expect(sandbox.state.requests.filter('hubspot').map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  }, 30_000);
});
