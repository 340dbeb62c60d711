import { eq, inArray, like, or } from 'drizzle-orm';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { connectDatabase, schema as s, type DatabaseConnection } from '../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '../src/db/testing/test-database.js';
import { sandboxEnvironment } from '../src/shop/start-shop.js';
import { deleteKeys, freePort, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { buildShop, exitWithin, runShop, type ShopProcess } from './demo-support.js';

/** The event ids whose handler execution completed, from a process's JSON log lines. */
function executedEvents(output: string): Set<string> {
  const ids = new Set<string>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"webhook.execution"')) continue;
    const entry = JSON.parse(line) as { event?: string; outcome?: string; event_id?: string };
    if (entry.event === 'webhook.execution' && entry.outcome === 'completed' && entry.event_id) ids.add(entry.event_id);
  }
  return ids;
}

/** ROLE=api and ROLE=worker as separate processes against one Redis prefix and one PostgreSQL database. */
describe('1 API + 2 worker processes', () => {
  let sandbox: Sandbox;
  let target: TestDatabase;
  let db: DatabaseConnection;
  let prefix: string;
  let api: ShopProcess;
  let workers: ShopProcess[] = [];
  let url: string;
  let env: Record<string, string>;
  let sent = 0;

  /** Creates an order in the sandbox's Shopify and delivers its signed orders/create to the API. */
  const sendOrder = async (): Promise<string> => {
    const customers = [...sandbox.state.shopify.customers.values()];
    const products = [...sandbox.state.shopify.products.values()];
    const n = sent++;
    const order = sandbox.state.shopify.createOrder({ customerId: customers[n % customers.length]!.id, lineItems: [{ productId: products[n % products.length]!.id, quantity: 1 }] });
    const id = `${prefix}-order-${n}`;
    const answer = await sandbox.sendWebhook(`${url}/webhooks/shopify`, 'shopify', { id, type: 'orders/create', payload: order }, sandbox.credentials.shopifyApiSecret);
    expect(answer.status).toBe(202);
    return id;
  };

  /** Flow runs in PostgreSQL started by these events (run id = the event id, or `<id>:<flow>`). */
  const runsOf = (ids: readonly string[]) =>
    db.db.select().from(s.flowRuns).where(or(inArray(s.flowRuns.id, [...ids]), ...ids.map((id) => like(s.flowRuns.id, `${id}:%`))));

  beforeAll(async () => {
    buildShop();
    sandbox = await startSandbox({ port: 0 });
    target = await createTestDatabase('pg');
    prefix = uniquePrefix('roles');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      ...sandboxEnvironment(sandbox), DATABASE_URL: target.options.url!, SHOP_KEY_PREFIX: prefix, PORT: String(port),
      PUBLIC_WEBHOOK_URL: `${url}/webhooks`, LOG_LEVEL: 'info', HOST: '127.0.0.1',
    };
    // One at a time: the first applies the migrations and the webhook subscriptions, the others find them done.
    api = runShop([], { ...env, ROLE: 'api' });
    await waitFor(() => api.output().includes('aiwire shop (ROLE=api) listening on'), 60_000, `the API to listen:\n${api.output()}`);
    for (let i = 0; i < 2; i++) {
      const worker = runShop([], { ...env, ROLE: 'worker' });
      workers.push(worker);
      await waitFor(() => worker.output().includes('aiwire shop (ROLE=worker) running the workers'), 60_000, `worker ${i} to start:\n${worker.output()}`);
    }
    db = await connectDatabase(target.options);
  }, 600_000);

  afterAll(async () => {
    for (const p of [api, ...workers]) {
      if (p && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await exitWithin(p, 30_000).catch(() => undefined);
      }
    }
    await db?.close();
    await target?.drop();
    await sandbox?.close();
    if (prefix) await deleteKeys(prefix);
  }, 60_000);

  it('the API takes webhooks and has no workers; the workers have no HTTP', async () => {
    expect(api.output()).toContain('; no workers in this process');
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    for (const w of workers) {
      expect(w.output()).toContain('no HTTP in this process');
      // Alive while the API holds the port: a worker that tried to listen there would have died of EADDRINUSE.
      expect(w.child.exitCode).toBeNull();
    }
  });

  it('webhooks sent to the API are executed by both workers, their rows land in PostgreSQL and the API serves them', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) ids.push(await sendOrder());
    // Every delivery recorded by the API, as accepted.
    await waitFor(async () => (await db.db.select().from(s.webhookEvents).where(inArray(s.webhookEvents.eventId, ids))).length === ids.length, 20_000, 'the deliveries in webhook_events');
    const recorded = await db.db.select().from(s.webhookEvents).where(inArray(s.webhookEvents.eventId, ids));
    expect(new Set(recorded.map((r) => `${r.source} ${r.type} ${r.outcome} ${r.status}`))).toEqual(new Set(['shopify orders/create accepted 202']));

    // Each order ran its flow(s) to completion, in the workers.
    await waitFor(async () => {
      const runs = await runsOf(ids);
      return runs.length >= ids.length && runs.every((r) => r.status === 'completed');
    }, 90_000, 'every run completed');
    // Log lines reach the output within 50 ms (batched writes): wait for the last ones.
    await waitFor(() => ids.every((id) => workers.some((w) => executedEvents(w.output()).has(id))), 5_000, 'every execution in a worker\'s log');
    const executed = workers.map((w) => executedEvents(w.output()));
    expect(executed[0]!.size, 'worker 1 took work').toBeGreaterThan(0);
    expect(executed[1]!.size, 'worker 2 took work').toBeGreaterThan(0);
    expect(executedEvents(api.output()).size, 'the API executed nothing').toBe(0);

    // The API (no workers) serves the runs the workers executed: their steps (from Redis) and the event that started them.
    const [run] = await runsOf(ids.slice(0, 1));
    const served = await fetch(`${url}/api/runs/${encodeURIComponent(run!.id)}`);
    expect(served.status).toBe(200);
    const detail = (await served.json()) as { id: string; status: string; stepsAvailable: boolean; steps: { status: string }[]; events: { eventId: string }[] };
    expect(detail).toMatchObject({ id: run!.id, status: 'completed', stepsAvailable: true, events: [{ eventId: ids[0], source: 'shopify', type: 'orders/create', deliveries: 1 }] });
    expect(detail.steps.length).toBeGreaterThan(3);
    expect(detail.steps.every((step) => step.status === 'completed')).toBe(true);
  }, 150_000);

  it('a worker killed mid-stream loses nothing: the other one finishes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await sendOrder());
    workers[0]!.child.kill('SIGKILL');
    await exitWithin(workers[0]!, 10_000);
    for (let i = 0; i < 8; i++) ids.push(await sendOrder());
    // A job the killed worker held comes back after its lock expires (Bull's stalled-job check).
    await waitFor(async () => {
      const runs = await runsOf(ids);
      return runs.length >= ids.length && runs.every((r) => r.status === 'completed');
    }, 120_000, 'every run completed after the kill');
    const done = await db.db.select().from(s.webhookEvents).where(eq(s.webhookEvents.outcome, 'accepted'));
    expect(done.filter((r) => ids.includes(r.eventId ?? ''))).toHaveLength(ids.length);
    // What the killed worker did last may never have reached its log (SIGKILL drops the last 50 ms of lines);
    // the completed runs above are the proof for those. Everything sent after the kill ran in the survivor.
    await waitFor(() => ids.slice(8).every((id) => executedEvents(workers[1]!.output()).has(id)), 5_000, 'the survivor ran everything sent after the kill');
  }, 180_000);
});
