#!/usr/bin/env node
// Proves the packages are real packages: `npm pack` every lib, generate a fresh app with `nest new`
// (ESM + vitest, as the CLI makes it today), install our packages from the local tarballs only
// (they are on no registry; everything else comes from the npm cache first), build it with
// `nest build`, and run an e2e test that posts a signed webhook to it over HTTP (real Redis), then
// the same app wired to a local 3-master Redis Cluster with the default (hash-tagged) prefixes.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'aiwire-pack-'));
const app = join(work, 'shop');
const keep = process.argv.includes('--keep');
const run = (cmd, args, cwd) => {
  process.stdout.write(`\n$ ${cmd} ${args.join(' ')}   (in ${cwd})\n`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, npm_config_update_notifier: 'false' } });
};

const prefix = `aiwire-pack-${process.pid}`;
const LIBS = ['@aiwire/core', '@aiwire/webhooks', '@aiwire/ai', '@aiwire/connectors', '@aiwire/monitoring', '@aiwire/flows', '@aiwire/cli'];
const clusterServers = [];

try {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', ...LIBS.flatMap((l) => ['-w', l]), '--pack-destination', work, '--json'], { cwd: root, encoding: 'utf8' }),
  );
  const tarball = (name) => `file:${join(work, packed.find((p) => p.name === name).filename)}`;
  for (const p of packed) {
    const files = p.files.map((f) => f.path);
    console.log(`${p.filename}: ${files.length} files, ${p.size} bytes`);
    if (files.some((f) => f.startsWith('src/') || f.endsWith('.spec.js'))) throw new Error(`${p.name} ships sources or specs`);
    if (!files.includes('dist/index.d.ts')) throw new Error(`${p.name} ships no type declarations`);
  }

  run(join(root, 'node_modules/.bin/nest'), ['new', 'shop', '--skip-install', '--skip-git', '--package-manager', 'npm'], work);

  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  Object.assign(pkg.dependencies, {
    ...Object.fromEntries(LIBS.map((l) => [l, tarball(l)])),
    '@nestjs/bull': '^12.0.0',
    bull: '^4.16.0',
    ioredis: '^6.0.0',
    // The queue UI's optional peers, at the one version monitoring is tested with. @opentelemetry/api
    // is left out on purpose: `tracing: true` must start without it.
    '@bull-board/api': '9.10.1',
    '@bull-board/express': '9.10.1',
  });
  writeFileSync(join(app, 'package.json'), JSON.stringify(pkg, null, 2));

  writeFileSync(join(app, 'src/payment.handlers.ts'), `import { Injectable } from '@nestjs/common';
import { OnWebhook, type WebhookEvent } from '@aiwire/webhooks';

export const received: WebhookEvent[] = [];

@Injectable()
export class PaymentHandlers {
  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaid(event: WebhookEvent<{ id: string; amount: number }>): Promise<void> {
    received.push(event);
  }
}
`);
  writeFileSync(join(app, 'src/app.module.ts'), `import { Module } from '@nestjs/common';
import { WebhookModule } from '@aiwire/webhooks';
import { AiModule } from '@aiwire/ai';
import { ConnectorsModule } from '@aiwire/connectors';
import { MonitoringModule, env } from '@aiwire/monitoring';
import { FlowsModule } from '@aiwire/flows';
import { AppController } from './app.controller.js';
import { AppService } from './app.service.js';
import { PaymentHandlers } from './payment.handlers.js';
import { ShopController } from './shop.controller.js';
import { OrderFlow, SupportFlow } from './support.flow.js';

@Module({
  imports: [
    WebhookModule.forRoot({
      redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      sources: {
        stripe: { scheme: 'stripe', secrets: [process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_pack_smoke'] },
        helpdesk: { scheme: 'hmac-sha256', secrets: ['helpdesk-pack-smoke'] },
      },
      keyPrefix: process.env.AIWIRE_PREFIX ?? 'aiwire-pack',
      queue: { prefix: process.env.AIWIRE_PREFIX ?? 'aiwire-pack' },
    }),
    AiModule.forRoot({
      redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      keyPrefix: (process.env.AIWIRE_PREFIX ?? 'aiwire-pack') + ':ai',
      providers: { local: { kind: 'local' } },
      jobs: { queuePrefix: process.env.AIWIRE_PREFIX ?? 'aiwire-pack' },
    }),
    ConnectorsModule.forRoot({
      redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      keyPrefix: (process.env.AIWIRE_PREFIX ?? 'aiwire-pack') + ':connectors',
      connectors: {
        echo: { kind: 'rest', baseUrl: process.env.ECHO_URL ?? 'http://127.0.0.1:9' },
        slack: { kind: 'slack', auth: { type: 'bearer', token: 'xoxb-pack-smoke' }, baseUrl: process.env.ECHO_URL ?? 'http://127.0.0.1:9' },
        crm: { kind: 'hubspot', auth: { type: 'bearer', token: 'pat-pack-smoke' }, baseUrl: process.env.ECHO_URL ?? 'http://127.0.0.1:9' },
      },
    }),
    // The flows issue's snippet, as written (keyPrefix and queue prefix added so the test cleans up after itself).
    FlowsModule.forRoot({
      redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      keyPrefix: (process.env.AIWIRE_PREFIX ?? 'aiwire-pack') + ':flows',
      queue: { prefix: process.env.AIWIRE_PREFIX ?? 'aiwire-pack' },
    }),
    // The issue's MonitoringModule snippet, as written (keyPrefix added so the test cleans up after itself).
    MonitoringModule.forRoot({
      redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },   // health, alert state, the caching interceptor
      keyPrefix: (process.env.AIWIRE_PREFIX ?? 'aiwire-pack') + ':monitoring',
      logs: { level: 'info', pretty: process.env.NODE_ENV !== 'production' },
      metrics: { path: '/metrics' },
      health: { path: '/health' },
      tracing: true,                                   // spans through @opentelemetry/api when present
      admin: { path: '/admin', basicAuth: { user: 'admin', password: env('ADMIN_PASSWORD') } },
      alerts: {
        channel: { kind: 'slack', connector: 'slack', channel: '#alerts' },   // or { kind: 'webhook', url, secret }
        rules: [
          { name: 'webhook-401s', when: { metric: 'webhook_rejected', reason: 'signature', over: '5m', above: 10 } },
          { name: 'dead-letters', when: { deadLetters: { above: 0 } } },
          { name: 'ai-spend', when: { aiCostUsd: { per: '1d', above: 50 } } },
        ],
      },
    }),
  ],
  controllers: [AppController, ShopController],
  providers: [AppService, PaymentHandlers, SupportFlow, OrderFlow],
})
export class AppModule {}
`);
  writeFileSync(join(app, 'src/cluster.module.ts'), `import { Module } from '@nestjs/common';
import { WebhookModule } from '@aiwire/webhooks';
import { AiModule } from '@aiwire/ai';
import { ConnectorsModule } from '@aiwire/connectors';
import { PaymentHandlers } from './payment.handlers.js';

const cluster = { nodes: (process.env.AIWIRE_CLUSTER_NODES ?? '').split(',') };

/** The same modules on a Redis Cluster, every key prefix left to its (hash-tagged) default. */
@Module({
  imports: [
    WebhookModule.forRoot({
      redis: { cluster },
      sources: { stripe: { scheme: 'stripe', secrets: ['whsec_pack_smoke'] } },
    }),
    AiModule.forRoot({ redis: { cluster }, providers: { local: { kind: 'local' } } }),
    ConnectorsModule.forRoot({
      redis: { cluster },
      connectors: { echo: { kind: 'rest', baseUrl: process.env.ECHO_URL ?? 'http://127.0.0.1:9' } },
    }),
  ],
  providers: [PaymentHandlers],
})
export class ClusterModule {}
`);
  writeFileSync(join(app, 'src/support.flow.ts'), `import { Injectable } from '@nestjs/common';
import { AiService } from '@aiwire/ai';
import { InjectConnector, HubSpotConnector } from '@aiwire/connectors';
import { Flow, type FlowContext } from '@aiwire/flows';

interface Ticket { ticketId: string; customerId: string; contactId: string; body: string }
const LABELS = ['complaint', 'question', 'praise'];
export const calls: string[] = [];

// The flows issue's snippet, its \u2026 filled in.
@Injectable()
export class SupportFlow {
  constructor(private readonly ai: AiService, @InjectConnector('crm') private readonly crm: HubSpotConnector) {}

  @Flow('support-ticket', {
    trigger: { webhook: 'ticket.created', source: 'helpdesk' },      // or { cron: '0 2 * * *', tz: 'Europe/Rome' } or { event: 'order.held' }
    concurrency: { key: (input) => input.customerId, limit: 1 },
    cancelOn: { event: 'ticket.closed', match: 'ticketId' },
    onFailure: 'notifyOps',                                           // a method of this class: the fallback workflow
  })
  async run(flow: FlowContext<Ticket>) {
    const history = await flow.step('crm-history', () => this.crm.getContact(flow.input.contactId));
    const analysis = await flow.step('analyse', () => this.ai.classify(flow.input.body, LABELS));
    await flow.step('crm-update', () => this.crm.updateContact(history.id, { ai_category: analysis.label }));
    if (analysis.label === 'complaint') {
      await flow.step('escalate', () => this.crm.createTicket({ subject: 'Complaint', contactId: history.id }));
      const reply = await flow.waitForEvent('customer-reply', { event: 'ticket.replied', match: 'ticketId', timeout: '1d' });
      if (!reply) await flow.step('remind', () => ({ reminded: true }));
    }
    await flow.sleep('cool-off', '30m');
  }

  async notifyOps(flow: FlowContext<Ticket>, error: Error) {
    await flow.step('page', () => flow.runId + ' failed: ' + error.message);
  }
}

/** A flow that runs to the end here: two steps, the first counted to prove a step runs once. */
@Injectable()
export class OrderFlow {
  @Flow('order-check', { trigger: { event: 'order.held' } })
  async run(flow: FlowContext<{ orderId: string }>) {
    const checked = await flow.step('check', () => { calls.push(flow.input.orderId); return { ok: true, orderId: flow.input.orderId }; });
    await flow.sleep('settle', 50);
    return flow.step('done', () => ({ ...checked, done: true }));
  }
}
`);
  writeFileSync(join(app, 'src/shop.controller.ts'), `import { Controller, Get, UseInterceptors } from '@nestjs/common';
import { CacheTTL, CachingInterceptor, LoggingInterceptor } from '@aiwire/monitoring';

export let computed = 0;

@Controller('shop')
@UseInterceptors(LoggingInterceptor)
export class ShopController {
  @Get('products')
  @UseInterceptors(CachingInterceptor) @CacheTTL(60)
  products(): { products: string[]; computed: number } {
    return { products: ['lamp'], computed: ++computed };
  }
}
`);
  const main = readFileSync(join(app, 'src/main.ts'), 'utf8');
  writeFileSync(join(app, 'src/main.ts'), main.replace('NestFactory.create(AppModule)', 'NestFactory.create(AppModule, { rawBody: true })'));
  writeFileSync(join(app, 'test/aiwire.e2e-spec.ts'), `import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { signWebhook } from '@aiwire/webhooks/testing';
import { AiService } from '@aiwire/ai';
import { getConnectorToken, type RestConnector } from '@aiwire/connectors';
import { FlowsService } from '@aiwire/flows';

describe('the aiwire packages installed from their tarballs', () => {
  let app: INestApplication;
  let echo: Server;
  let received: { id: string }[];
  beforeAll(async () => {
    echo = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url, auth: req.headers.authorization ?? null })));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    process.env.ECHO_URL = 'http://127.0.0.1:' + (echo.address() as { port: number }).port;
    const { AppModule } = await import('./../src/app.module.js');
    ({ received } = await import('./../src/payment.handlers.js'));
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ rawBody: true });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    echo.close();
  });

  it('webhooks: accepts a signed Stripe event, runs the handler once, answers the retry as a duplicate', async () => {
    const event = { id: 'evt_' + Date.now(), type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 4200 } } };
    const headers = signWebhook('stripe', 'whsec_pack_smoke', event);
    await request(app.getHttpServer()).post('/webhooks/stripe').set(headers).send(event).expect(202, { status: 'accepted', id: event.id });
    for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(received.map((e) => e.id)).toEqual([event.id]);
    await request(app.getHttpServer()).post('/webhooks/stripe').set(headers).send(event).expect(200, { status: 'duplicate', id: event.id });
  });

  it('webhooks: refuses a bad signature with 401', async () => {
    await request(app.getHttpServer()).post('/webhooks/stripe').set({ 'stripe-signature': 't=1,v1=00' }).send({ id: 'x' }).expect(401);
  });

  it('ai: the offline local provider reads sentiment', async () => {
    const result = await app.get(AiService).sentiment('I love this lamp, the light is wonderful and warm.');
    expect(result.label).toBe('positive');
  });

  it('connectors: a rest connector calls a server', async () => {
    const echoConnector = app.get<RestConnector>(getConnectorToken('echo'));
    expect(await echoConnector.request({ method: 'GET', path: '/ping' })).toEqual({ path: '/ping', auth: null });
  });

  it('monitoring: metrics move, readiness answers, the admin wants credentials, the interceptors log and cache', async () => {
    const server = app.getHttpServer();
    const metrics = await request(server).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/aiwire_webhooks_received_total\\{source="stripe",type="payment_intent.succeeded",outcome="accepted"\\} 1/);
    expect(metrics.text).toMatch(/aiwire_webhooks_received_total\\{source="stripe",type="",outcome="invalid_signature"\\} 1/);
    expect((await request(server).get('/health/ready').expect(200)).body.status).toBe('ok');
    await request(server).get('/admin/dead-letters').expect(401);
    const auth = 'Basic ' + Buffer.from('admin:' + process.env.ADMIN_PASSWORD).toString('base64');
    expect((await request(server).get('/admin/dead-letters').set('authorization', auth).expect(200)).body).toMatchObject({ total: 0, deadLetters: [] });
    expect((await request(server).get('/admin/queues').set('authorization', auth).expect(200)).text).toContain('<html');
    // One Host for both, as behind a load balancer: the cache keeps hosts apart, and supertest
    // listens on a new port for each request.
    const first = await request(server).get('/shop/products?page=1').set('host', 'shop.example').expect(200);
    const again = await request(server).get('/shop/products?page=1').set('host', 'shop.example').expect(200);
    expect([first.headers['x-cache'], again.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    expect(again.body).toEqual(first.body);
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('flows: an emitted event starts a run that sleeps, resumes and completes, its first step run once', async () => {
    const flows = app.get(FlowsService);
    const { calls } = await import('./../src/support.flow.js');
    const emitted = await flows.emit('order.held', { orderId: 'o-' + Date.now() });
    expect(emitted.started).toHaveLength(1);
    const runId = emitted.started[0];
    let run = await flows.get(runId);
    for (let i = 0; i < 400 && run?.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      run = await flows.get(runId);
    }
    expect(run).toMatchObject({ status: 'completed', output: { ok: true, done: true } });
    expect(run?.steps.map((s) => s.id)).toEqual(['check', 'settle', 'done']);
    expect(calls).toHaveLength(1);
    await expect(flows.start('no-such-flow', {})).rejects.toThrow(/support-ticket/);
  });

  it('cli: npx aiwire sends a signed Stripe event the app accepts', async () => {
    // Asynchronously: the app answering the CLI runs in this process.
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const run = async (args: string[]) => (await promisify(execFile)('npx', args, { encoding: 'utf8' })).stdout;
    const listening = await app.listen(0, '127.0.0.1');
    const url = 'http://127.0.0.1:' + (listening.address() as { port: number }).port;
    expect(await run(['aiwire', '--help'])).toContain('trigger');
    const out = await run(['aiwire', 'trigger', 'stripe', 'payment_intent.succeeded', '--to', url + '/webhooks/stripe', '--secret', 'whsec_pack_smoke', '--json']);
    expect(JSON.parse(out.trim().split('\\n')[0])).toMatchObject({ status: 202 });
    expect(out).not.toContain('whsec_pack_smoke');
  });

  describe('on a 3-master Redis Cluster, default prefixes', () => {
    let clusterApp: INestApplication;
    beforeAll(async () => {
      const { ClusterModule } = await import('./../src/cluster.module.js');
      const moduleRef = await Test.createTestingModule({ imports: [ClusterModule] }).compile();
      clusterApp = moduleRef.createNestApplication({ rawBody: true });
      await clusterApp.init();
    });
    afterAll(async () => {
      await clusterApp?.close();
    });

    it('webhooks: accepts, handles once, answers the retry as a duplicate', async () => {
      const event = { id: 'evt_cluster_' + Date.now(), type: 'payment_intent.succeeded', data: { object: { id: 'pi_2', amount: 100 } } };
      const headers = signWebhook('stripe', 'whsec_pack_smoke', event);
      await request(clusterApp.getHttpServer()).post('/webhooks/stripe').set(headers).send(event).expect(202, { status: 'accepted', id: event.id });
      for (let i = 0; i < 200 && !received.some((e) => e.id === event.id); i++) await new Promise((r) => setTimeout(r, 25));
      expect(received.filter((e) => e.id === event.id)).toHaveLength(1);
      await request(clusterApp.getHttpServer()).post('/webhooks/stripe').set(headers).send(event).expect(200, { status: 'duplicate', id: event.id });
    });

    it('ai and connectors answer', async () => {
      expect((await clusterApp.get(AiService).sentiment('Terrible, it broke on the first day.')).label).toBe('negative');
      const echoConnector = clusterApp.get<RestConnector>(getConnectorToken('echo'));
      expect(await echoConnector.request({ method: 'GET', path: '/c' })).toEqual({ path: '/c', auth: null });
    });
  });
});
`);

  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  run('npm', ['run', 'build'], app);
  const clusterNodes = await startCluster(join(work, 'cluster'));
  execFileSync('npx', ['vitest', 'run', '--config', './vitest.config.e2e.ts'], {
    cwd: app, stdio: 'inherit', env: { ...process.env, AIWIRE_PREFIX: prefix, AIWIRE_CLUSTER_NODES: clusterNodes.join(','), ADMIN_PASSWORD: 'pack-smoke-admin', NODE_ENV: 'production' },
  });
  console.log(`\npack smoke test passed (${work})`);
  await deleteKeys(`${prefix}*`);
} finally {
  for (const server of clusterServers) server.kill('SIGKILL');
  if (!keep) rmSync(work, { recursive: true, force: true });
}

/** Three redis-servers with cluster support joined by `redis-cli --cluster create`; resolves their URLs once the cluster is ok. */
async function startCluster(dir) {
  const ports = [];
  for (let i = 0; i < 3; i++) ports.push(await freeClusterPort());
  execFileSync('mkdir', ['-p', dir]);
  for (const port of ports) {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
      '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000'];
    clusterServers.push(spawn('redis-server', args, { stdio: 'ignore' }));
  }
  for (const port of ports) await until(() => cli(port, 'PING') === 'PONG', `redis-server on ${port}`);
  execFileSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { stdio: 'ignore' });
  for (const port of ports) await until(() => cli(port, 'CLUSTER', 'INFO').includes('cluster_state:ok'), `cluster state on ${port}`);
  return ports.map((p) => `redis://127.0.0.1:${p}`);
}

function cli(port, ...args) {
  try {
    return execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

async function until(check, what) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pack smoke: timed out waiting for ${what}`);
}

/** A free port whose cluster bus port (+10000) is free too. */
async function freeClusterPort() {
  for (;;) {
    const port = await freePort(0);
    if (port + 10000 < 65536 && (await freePort(port + 10000)) !== undefined) return port;
  }
}

function freePort(port) {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const { port: taken } = server.address();
      server.close(() => resolve(taken));
    });
  });
}

async function deleteKeys(pattern) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
