import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { chromium, type Browser } from 'playwright-core';
import { AiService } from '@aiwire/ai';
import { WebhookAdminService } from '@aiwire/webhooks';
import type { DatabaseDriver } from '../src/db/index.js';
import { schema as s } from '../src/db/index.js';
import { startShop, DEMO_SECRETS, type RunningShop } from '../src/shop/start-shop.js';
import { startTestShop } from './test-shop.js';
import type { DashboardFiguresDto } from '../src/dashboard/dto/dashboard-figures.dto.js';
import type { EventDetailDto, RunDetailDto, RunListDto } from '../src/dashboard/dto/runs.dto.js';
import { waitFor } from '../../../test/support/wait.js';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '.tmp');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Signs like the storefront, with another secret: the intake must refuse it. */
const FORGED_SECRET = `whsec_${Buffer.from('not the storefront signing secret').toString('base64')}`;
/** The admin is never served open (monitoring refuses to start without its credentials). */
const SHOP_ENV = { LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'dashboard-test-password' };
const HOSTILE_EMAIL = 'mallory+<img src=x onerror="window.__xss=1">@example.com';
const HOSTILE_TITLE = 'Trail Runner <img src=x onerror="window.__xss=1">';
const HOSTILE_ERROR = 'Shopify answered 500 <script>window.__xss=1</script>';

/** What `populate` put in, for the tests to check the figures against. */
interface Populated {
  /** Accepted storefront events, oldest first (the first was delivered twice). */
  readonly events: string[];
  readonly runs: { ok: string; failed: string; running: string };
  readonly products: { runner: number; hoodie: number; mug: number };
}

let sequence = 0;
const unique = (name: string) => `${name}-${process.pid}-${++sequence}`;

function send(shop: RunningShop, id: string, secret: string = DEMO_SECRETS.storefront) {
  // `store.*` and `cart.*` start no flow: the counts stay the ones this test makes.
  return shop.sandbox.sendWebhook(`${shop.url}/webhooks/storefront`, 'standard', { id, type: 'store.opened', payload: { store: 'main' } }, secret);
}

/**
 * Real signed webhooks through the intake (3 accepted, a repeat, a forged one); and, for the rows
 * the flows write, rows inserted as the flows would (the dashboard's input), outside strings hostile.
 */
async function populate(shop: RunningShop): Promise<Populated> {
  const events = [unique('msg_dash_a'), unique('msg_dash_b'), unique('msg_dash_c')];
  for (const id of events) expect((await send(shop, id)).status).toBe(202);
  expect((await send(shop, events[0]!)).status).toBe(200);
  expect((await send(shop, unique('msg_dash_forged'), FORGED_SECRET)).status).toBe(401);
  await shop.recorded();

  const db = shop.db;
  const [runner, hoodie, mug] = await db.insert(s.products).values([
    { title: HOSTILE_TITLE, category: 'shoes', price: 129 },
    { title: 'Merino Hoodie', category: 'apparel', price: 89 },
    { title: 'Ceramic Mug', category: 'home', price: 18 },
  ]).returning({ id: s.products.id });
  const [mallory] = await db.insert(s.customers).values({ email: HOSTILE_EMAIL, name: 'Mallory' }).returning({ id: s.customers.id });
  const review = async (productId: number, rating: number, analysis?: { label: 'positive' | 'neutral' | 'negative'; score: number }) => {
    const [row] = await db.insert(s.reviews).values({ externalId: unique('rev'), productId, rating, title: 'A review', body: 'Body' }).returning({ id: s.reviews.id });
    if (analysis) await db.insert(s.reviewAnalyses).values({ reviewId: row!.id, sentimentLabel: analysis.label, sentimentScore: analysis.score, qualityScore: 0.8, model: 'local' });
  };
  await review(runner!.id, 5, { label: 'positive', score: 0.9 });
  await review(runner!.id, 4, { label: 'positive', score: 0.5 });
  await review(runner!.id, 3, { label: 'neutral', score: 0.1 });
  await review(hoodie!.id, 1, { label: 'negative', score: -0.8 });
  await review(hoodie!.id, 2, { label: 'negative', score: -0.4 });
  await review(mug!.id, 4);

  const [held1, held2] = await db.insert(s.orders).values([
    { shopifyId: 9_100_001, name: '#1101', customerId: mallory!.id, status: 'on_hold', total: 612.5, currency: 'USD' },
    { shopifyId: 9_100_002, name: '#1102', status: 'on_hold', total: 980, currency: 'EUR' },
    { shopifyId: 9_100_003, name: '#1103', customerId: mallory!.id, status: 'open', total: 20, currency: 'USD' },
  ]).returning({ id: s.orders.id });
  const [decision] = await db.insert(s.fraudDecisions).values({ orderId: held1!.id, decision: 'hold', score: 75, reasons: ['first order is large ($612.50)', '6 units of one item'] }).returning({ id: s.fraudDecisions.id });
  await db.update(s.orders).set({ fraudDecisionId: decision!.id }).where(eq(s.orders.id, held1!.id));
  // Not linked from the order yet: the dashboard shows the order's latest decision.
  await db.insert(s.fraudDecisions).values({ orderId: held2!.id, decision: 'hold', score: 60, reasons: [{ rule: 'velocity', reason: '3 orders within an hour' }] });

  const runs = { ok: unique('run-ok'), failed: unique('run-failed'), running: unique('run-running') };
  const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000);
  await db.insert(s.flowRuns).values([
    { id: runs.ok, flow: 'review-analysis', status: 'completed', trigger: 'webhook', startedAt: at(30), finishedAt: at(29), updatedAt: at(29) },
    { id: runs.failed, flow: 'fraud-check', status: 'failed', trigger: 'webhook', error: { name: 'FlowStepFailedError', message: HOSTILE_ERROR, step: 'hold-order' }, startedAt: at(20), finishedAt: at(19), updatedAt: at(19) },
    { id: runs.running, flow: 'review-analysis', status: 'running', trigger: 'start', startedAt: at(10), updatedAt: at(10) },
  ]);
  await db.insert(s.flowRunEvents).values([
    { runId: runs.ok, eventId: events[0]!, source: 'storefront', type: 'store.opened' },
    { runId: runs.failed, eventId: events[1]!, source: 'storefront', type: 'store.opened' },
  ]);
  return { events, runs, products: { runner: runner!.id, hoodie: hoodie!.id, mug: mug!.id } };
}

async function getJson<T>(shop: RunningShop, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${shop.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

/** The value of each sample of `name` in a Prometheus text exposition, by its label set. */
function scrape(text: string, name: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`).exec(line);
    if (match) samples.set(match[1] ?? '', Number(match[2]));
  }
  return samples;
}
const total = (samples: Map<string, number>, filter = '') => [...samples].filter(([labels]) => labels.includes(filter)).reduce((n, [, v]) => n + v, 0);

/** Reads server-sent events from the stream until `done` holds for one; returns every event read. */
async function readStream(url: string, done: (events: DashboardFiguresDto[]) => boolean, timeoutMs = 8_000): Promise<{ events: DashboardFiguresDto[]; firstAfterMs: number; contentType: string }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const started = Date.now();
  let firstAfterMs = -1;
  const events: DashboardFiguresDto[] = [];
  try {
    const res = await fetch(url, { signal: abort.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!done(events)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (!data) continue;
        if (firstAfterMs < 0) firstAfterMs = Date.now() - started;
        events.push(JSON.parse(data) as DashboardFiguresDto);
      }
    }
    return { events, firstAfterMs, contentType: res.headers.get('content-type') ?? '' };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

describe.each<DatabaseDriver>(['pglite', 'pg'])('the dashboard API on %s', (driver) => {
  let shop: RunningShop;
  let data: Populated;

  beforeAll(async () => {
    shop = await startTestShop(driver, { logger: ['error'], env: SHOP_ENV });
    data = await populate(shop);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('reports the webhook, flow, review, order and run figures the rows hold', async () => {
    const { status, body: f } = await getJson<DashboardFiguresDto>(shop, '/api/dashboard');
    expect(status).toBe(200);
    expect(f.webhooks).toEqual({
      total: 5, accepted: 3, duplicate: 1, rejected: 1,
      counts: [
        { source: 'storefront', outcome: 'accepted', count: 3 },
        { source: 'storefront', outcome: 'duplicate', count: 1 },
        { source: 'storefront', outcome: 'invalid_signature', count: 1 },
      ],
    });
    const [rows] = await shop.db.select({ n: count() }).from(s.webhookEvents);
    expect(f.webhooks.total).toBe(rows!.n);

    expect(f.flows).toEqual({
      completed: 1, failed: 1, running: 1, total: 3,
      flows: [
        { flow: 'fraud-check', completed: 0, failed: 1, running: 0, cancelled: 0, total: 1 },
        { flow: 'review-analysis', completed: 1, failed: 0, running: 1, cancelled: 0, total: 2 },
      ],
    });

    expect(f.sentiment).toEqual([
      { productId: data.products.runner, title: HOSTILE_TITLE, reviews: 3, analysed: 3, meanSentiment: 0.5, meanRating: 4, positive: 2, neutral: 1, negative: 0 },
      { productId: data.products.hoodie, title: 'Merino Hoodie', reviews: 2, analysed: 2, meanSentiment: -0.6, meanRating: 1.5, positive: 0, neutral: 0, negative: 2 },
      { productId: data.products.mug, title: 'Ceramic Mug', reviews: 1, analysed: 0, meanSentiment: null, meanRating: 4, positive: 0, neutral: 0, negative: 0 },
    ]);

    expect(f.heldOrders.total).toBe(2);
    expect(f.heldOrders.orders.map((o) => [o.name, o.customerEmail, o.total, o.currency, o.score, o.reasons]).sort()).toEqual([
      ['#1101', HOSTILE_EMAIL, 612.5, 'USD', 75, ['first order is large ($612.50)', '6 units of one item']],
      ['#1102', null, 980, 'EUR', 60, ['3 orders within an hour']],
    ]);

    expect(f.recentRuns.map((r) => [r.id, r.status])).toEqual([[data.runs.running, 'running'], [data.runs.failed, 'failed'], [data.runs.ok, 'completed']]);
    expect(f.recentRuns[1]!.error).toEqual({ name: 'FlowStepFailedError', message: HOSTILE_ERROR, step: 'hold-order' });
    expect(f.recentRuns[2]!.durationMs).toBe(1000);
  });

  it('reports the AI calls, cache, queues and dead letters as /metrics does', async () => {
    const ai = shop.app.get(AiService, { strict: false });
    const text = `The hoodie arrived torn and support never answered ${unique('t')}`;
    await ai.sentiment(text);
    await ai.sentiment(text); // the same request: answered from the cache

    const { body: f } = await getJson<DashboardFiguresDto>(shop, '/api/dashboard');
    const metrics = await (await fetch(`${shop.url}/metrics`)).text();
    expect(f.ai.calls).toBe(1);
    expect(f.ai.cacheHits).toBe(1);
    expect(f.ai.cacheMisses).toBe(1);
    expect(f.ai.cacheHitRate).toBe(0.5);
    expect(f.ai.calls).toBe(total(scrape(metrics, 'gen_ai_client_operation_duration_seconds_count')));
    expect(f.ai.cacheHits).toBe(total(scrape(metrics, 'aiwire_ai_cache_requests_total'), 'result="hit"'));
    expect(f.ai.cacheMisses).toBe(total(scrape(metrics, 'aiwire_ai_cache_requests_total'), 'result="miss"'));
    expect(f.ai.spendUsd).toBeCloseTo(total(scrape(metrics, 'aiwire_ai_cost_usd_total')), 6);
    expect(f.ai.inputTokens).toBe(total(scrape(metrics, 'gen_ai_client_token_usage_sum'), 'gen_ai_token_type="input"'));

    const jobs = scrape(metrics, 'aiwire_queue_jobs');
    expect(f.queues.queues.map((q) => q.queue)).toEqual(expect.arrayContaining(['ai', 'flows', 'webhooks']));
    for (const q of f.queues.queues) {
      for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) expect(q[state]).toBe(jobs.get(`{queue="${q.queue}",state="${state}"}`));
    }
    expect(f.queues.depth).toBe(f.queues.queues.reduce((n, q) => n + q.waiting + q.active + q.delayed, 0));
    expect(f.queues.deadLetters).toBe(await shop.app.get(WebhookAdminService, { strict: false }).deadLetterCount());
    expect(f.queues.deadLetters).toBe(jobs.get('{queue="webhooks",state="dead"}'));
  });

  it('streams the figures at once, then again after a new webhook', async () => {
    const before = (await getJson<DashboardFiguresDto>(shop, '/api/dashboard')).body.webhooks.accepted;
    let sent = false;
    const stream = await readStream(`${shop.url}/api/dashboard/stream`, (events) => {
      if (events.length > 0 && !sent) {
        sent = true;
        void send(shop, unique('msg_dash_live'));
      }
      return events.some((e) => e.webhooks.accepted === before + 1);
    });
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(stream.firstAfterMs).toBeLessThan(1_000);
    expect(stream.events[0]!.webhooks.accepted).toBe(before);
    expect(stream.events.at(-1)!.webhooks.accepted).toBe(before + 1);
    // The client went away; the app still answers (and the next stream starts afresh).
    expect((await getJson(shop, '/api/dashboard')).status).toBe(200);
    const again = await readStream(`${shop.url}/api/dashboard/stream`, (events) => events.length > 0);
    expect(again.events[0]!.webhooks.accepted).toBe(before + 1);
  });

  it('lists runs newest first, filtered by flow and status', async () => {
    const all = await getJson<RunListDto>(shop, '/api/runs');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.runs.map((r) => r.id)).toEqual([data.runs.running, data.runs.failed, data.runs.ok]);
    expect((await getJson<RunListDto>(shop, '/api/runs?flow=review-analysis')).body.runs.map((r) => r.id)).toEqual([data.runs.running, data.runs.ok]);
    expect((await getJson<RunListDto>(shop, '/api/runs?status=failed')).body.runs.map((r) => r.id)).toEqual([data.runs.failed]);
    expect((await getJson<RunListDto>(shop, '/api/runs?flow=&status=')).body.total).toBe(3);
    const page = await getJson<RunListDto>(shop, '/api/runs?offset=1&limit=1');
    expect(page.body).toMatchObject({ total: 3, runs: [{ id: data.runs.failed }] });
  });

  it('refuses an unknown status or an out-of-range page with 400', async () => {
    const status = await getJson<{ message: string[] }>(shop, '/api/runs?status=exploded');
    expect(status.status).toBe(400);
    expect(status.body.message.join()).toContain('status must be one of the following values: queued, running, sleeping, waiting, completed, failed, cancelled');
    expect((await getJson(shop, '/api/runs?limit=0')).status).toBe(400);
    expect((await getJson(shop, '/api/runs?limit=201')).status).toBe(400);
    expect((await getJson(shop, '/api/runs?offset=-1')).status).toBe(400);
  });

  it('links a run to its webhook events and an event back to its runs', async () => {
    const run = await getJson<RunDetailDto>(shop, `/api/runs/${data.runs.ok}`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ id: data.runs.ok, flow: 'review-analysis', status: 'completed', trigger: 'webhook', error: null, stepsAvailable: false, steps: [], adminUrl: `/admin/flows/runs/${data.runs.ok}` });
    expect(run.body.events).toEqual([{ eventId: data.events[0], source: 'storefront', type: 'store.opened', deliveries: 2, receivedAt: expect.any(String) }]);

    const event = await getJson<EventDetailDto>(shop, `/api/events/${encodeURIComponent(data.events[0]!)}`);
    expect(event.status).toBe(200);
    expect(event.body.deliveries.map((d) => [d.source, d.type, d.outcome, d.status])).toEqual([['storefront', 'store.opened', 'accepted', 202], ['storefront', 'store.opened', 'duplicate', 200]]);
    expect(event.body.runs.map((r) => r.id)).toEqual([data.runs.ok]);

    // An event no run consumed still shows what the intake answered.
    const lone = await getJson<EventDetailDto>(shop, `/api/events/${encodeURIComponent(data.events[2]!)}`);
    expect(lone.body).toMatchObject({ eventId: data.events[2], runs: [], deliveries: [{ outcome: 'accepted' }] });
  });

  it('answers 404 with what to do for an unknown run or event, as JSON and as a page', async () => {
    const run = await getJson<{ message: string }>(shop, '/api/runs/no-such-run');
    expect(run.status).toBe(404);
    expect(run.body.message).toBe('No flow run has the id "no-such-run". GET /api/runs lists the runs the shop recorded.');
    const event = await getJson<{ message: string }>(shop, '/api/events/no-such-event');
    expect(event.status).toBe(404);
    expect(event.body.message).toContain('No webhook delivery and no flow run has the event id "no-such-event"');

    const page = await fetch(`${shop.url}/runs/${encodeURIComponent('<b>x</b>')}`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('the id &#34;&#60;b&#62;x&#60;/b&#62;&#34;');
    expect(html).not.toContain('<b>x</b>');
    expect((await fetch(`${shop.url}/events/nothing`)).status).toBe(404);
  });

  it('describes its routes in /docs', async () => {
    const { status, body: doc } = await getJson<{ paths: Record<string, Record<string, { tags?: string[]; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } }>(shop, '/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/dashboard', '/api/dashboard/stream', '/api/runs', '/api/runs/{id}', '/api/events/{eventId}']));
    expect(Object.keys(doc.paths)).not.toContain('/');
    expect(Object.keys(doc.paths)).not.toContain('/runs/{id}');
    expect(doc.paths['/api/dashboard']!.get!.tags).toEqual(['dashboard']);
    expect(doc.paths['/api/runs']!.get!.parameters!.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['query:flow', 'query:limit', 'query:offset', 'query:status']);
    expect(Object.keys(doc.paths['/api/runs/{id}']!.get!.responses).sort()).toEqual(['200', '404']);
    expect(doc.paths['/api/events/{eventId}']!.get!.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'eventId' })]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['DashboardFiguresDto', 'RunDetailDto', 'EventDetailDto', 'RunListDto', 'HeldOrderDto', 'ProductSentimentDto']));
    expect((await fetch(`${shop.url}/docs`)).status).toBe(200);
  });
});

describe('the dashboard in Chromium (pglite)', () => {
  let browser: Browser;
  let shop: RunningShop;
  let closed = false;
  let data: Populated;
  const nf = new Intl.NumberFormat('en-US');
  const shown = (value: number | null, format: string) =>
    format === 'usd' ? `$${value!.toFixed(value! >= 1 ? 2 : 4)}` : format === 'pct' ? (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`) : nf.format(value!);

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
    shop = await startShop({ database: { dir: 'memory://' }, logger: ['error'], env: SHOP_ENV });
    data = await populate(shop);
    const ai = shop.app.get(AiService, { strict: false });
    for (const text of ['Love these shoes, so comfortable', 'Le sweat est arrivé déchiré', 'Love these shoes, so comfortable']) await ai.sentiment(text);
  }, 60_000);
  afterAll(async () => {
    if (!closed) await shop?.close();
    await browser?.close();
  });

  it('shows the live figures of /api/dashboard, follows a new webhook, and links runs and events both ways', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      expect((await page.goto(shop.url))?.status()).toBe(200);
      await page.locator('#live.on').waitFor({ timeout: 5_000 });
      const api = (await getJson<DashboardFiguresDto>(shop, '/api/dashboard')).body;

      const figures = await page.locator('[data-figure]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-figure'), n.getAttribute('data-format'), n.textContent]));
      expect(figures.length).toBe(16);
      for (const [path, format, text] of figures) {
        const value = path!.split('.').reduce<unknown>((o: unknown, k: string) => (o as Record<string, unknown>)[k], api) as number | null;
        expect([path, text]).toEqual([path, shown(value, format!)]);
      }
      expect(await page.locator('[data-figure="webhooks.accepted"]').textContent()).toBe('3');
      expect(await page.locator('[data-figure="ai.cacheHitRate"]').textContent()).toBe('33.3%');
      expect(await page.locator('td[data-cell="storefront/invalid_signature"]').textContent()).toBe('1');
      expect(await page.locator('#flow-table tr[data-flow="review-analysis"] td').allTextContents()).toEqual(['review-analysis', '1', '0', '1', '2']);
      const bars = await page.locator('#sentiment-chart g.product').evaluateAll((gs) => gs.map((g) => [Number(g.getAttribute('data-product')), g.querySelector('.value')?.textContent]));
      expect(bars).toEqual(api.sentiment.map((p) => [p.productId, p.meanSentiment === null ? 'not analysed' : `${p.meanSentiment > 0 ? '+' : ''}${p.meanSentiment.toFixed(2)}`]));
      expect(bars).toEqual([[data.products.runner, '+0.50'], [data.products.hoodie, '-0.60'], [data.products.mug, 'not analysed']]);
      expect(await page.locator('#held-table tbody tr').count()).toBe(2);
      expect(await page.locator('#held').innerText()).toContain(HOSTILE_EMAIL);
      expect(await page.locator('#runs-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run')))).toEqual(api.recentRuns.map((r) => r.id));
      // Outside strings are text: no element came from them, no handler ran.
      expect(await page.locator('main img, main script:not([type])').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('#sentiment-chart').innerHTML()).toContain('Trail Runner &lt;img');
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

      // A webhook sent now shows up through the stream, without a reload.
      expect((await send(shop, unique('msg_dash_browser'))).status).toBe(202);
      await page.locator('[data-figure="webhooks.accepted"]', { hasText: /^4$/ }).waitFor({ timeout: 5_000 });
      expect(await page.locator('td[data-cell="storefront/accepted"]').textContent()).toBe('4');

      // From the dashboard to a run, to its event, and back.
      await Promise.all([page.waitForURL(`**/runs/${data.runs.ok}`), page.click(`#runs-table tr[data-run="${data.runs.ok}"] a`)]);
      expect(await page.locator('#run').innerText()).toContain('review-analysis');
      expect(await page.locator('#events tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-event'), tr.querySelectorAll('td')[3]?.textContent]))).toEqual([[data.events[0], '2']]);
      expect(await page.locator('#admin-link').getAttribute('href')).toBe(`../admin/flows/runs/${data.runs.ok}`);
      expect(await page.locator('#steps-expired').count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-run.png'), fullPage: true });
      await Promise.all([page.waitForURL(`**/events/${data.events[0]}`), page.click(`#events tr[data-event="${data.events[0]}"] a`)]);
      expect(await page.locator('#deliveries tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-outcome')))).toEqual(['accepted', 'duplicate']);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-event.png'), fullPage: true });
      await Promise.all([page.waitForURL(`**/runs/${data.runs.ok}`), page.click(`#runs tr[data-run="${data.runs.ok}"] a`)]);

      // A failed run shows its error as text.
      await page.goto(`${shop.url}/runs/${data.runs.failed}`);
      expect(await page.locator('#run-error').innerText()).toBe(`FlowStepFailedError in step hold-order: ${HOSTILE_ERROR}`);
      expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-run-failed.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('updates an open page every second, and shuts down while its stream is open', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(shop.url);
    await page.locator('#live.on').waitFor({ timeout: 5_000 });
    const at = await page.locator('body').getAttribute('data-at');
    await waitFor(async () => (await page.locator('body').getAttribute('data-at')) !== at, 5_000, 'a second message of the stream');
    // The stream never ends by itself: closing the app must end it rather than wait for the client.
    const started = Date.now();
    closed = true;
    await shop.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    await page.locator('#live.off').waitFor({ timeout: 5_000 });
    await context.close();
  });
});
