import request from 'supertest';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { FlowsService, type FlowRunDetail, type FlowRunStatus } from '@aiwire/flows';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { MonitoringModule } from '@aiwire/monitoring';
import { ADMIN, basic, flowClasses, flowsHost, flowsLog, flowsModule, monitoring } from './fixtures/flows-app.js';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '.tmp');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AUTH = basic(ADMIN.user, ADMIN.password);
const API = '/admin/flows/api';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Polls the run until it is in `status`. */
async function settled(flows: FlowsService, id: string, status: FlowRunStatus): Promise<FlowRunDetail> {
  let last: FlowRunDetail | undefined;
  try {
    return await waitFor(async () => {
      last = await flows.get(id);
      return last?.status === status && last;
    }, 15_000, `run ${id} ${status}`);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the run is ${JSON.stringify(last)}`);
  }
}

describe.each(PLATFORMS)('the flows run view on %s', (platform) => {
  const prefix = uniquePrefix(`flows-admin-${platform}`);
  const log = flowsLog();
  let running: RunningApp;
  let flows: FlowsService;
  const get = (path: string) => request(running.url).get(path).set('authorization', AUTH);
  const post = (path: string, body?: unknown) => {
    const req = request(running.url).post(path).set('authorization', AUTH);
    return body === undefined ? req : req.send(body as object);
  };

  beforeAll(async () => {
    running = await startApp(platform, flowsHost([flowsModule(prefix), monitoring({ admin: { basicAuth: ADMIN } })], flowClasses(log)));
    flows = running.app.get(FlowsService);
    log.declined.add('inv-2001');
    // One after the other, so "newest first" is a known order.
    await flows.start('order-sync', { orderId: 'ord-1001', lines: 3 }, { id: 'ord-1001' });
    await settled(flows, 'ord-1001', 'completed');
    await flows.start('order-sync', { orderId: '<b>ord-1002</b>', lines: 25 }, { id: 'ord-1002' });
    await settled(flows, 'ord-1002', 'completed');
    await flows.start('invoice', { invoiceId: 'inv-2001' }, { id: 'inv-2001' });
    await settled(flows, 'inv-2001', 'failed');
    await flows.start('reminder', { ticketId: 'T-31' }, { id: 'rem-3001' });
    await settled(flows, 'rem-3001', 'sleeping');
    await flows.start('ticket', { ticketId: 'T-42' }, { id: 'tic-4001' });
    await settled(flows, 'tic-4001', 'waiting');
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
  });

  it('refuses every route without the admin credentials (401 and the basic-auth challenge)', async () => {
    for (const path of [`${API}/runs`, `${API}/runs/ord-1001`, `${API}/flows/order-sync/graph`, '/admin/flows', '/admin/flows/runs/ord-1001']) {
      const response = await request(running.url).get(path);
      expect(response.status, path).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Basic realm="aiwire admin", charset="UTF-8"');
      expect(response.text).not.toContain('ord-1001"');
    }
    const wrong = await request(running.url).post(`${API}/runs/rem-3001/cancel`).set('authorization', basic(ADMIN.user, 'nope'));
    expect(wrong.status).toBe(401);
    expect((await flows.get('rem-3001'))?.status).toBe('sleeping');
  });

  it('lists runs newest first, as FlowsService does, with its filters and paging', async () => {
    const all = await get(`${API}/runs`);
    expect(all.status).toBe(200);
    // A run still going is timed to now: its duration differs between two reads.
    const stable = (list: { runs: Array<{ finishedAt?: string; durationMs: number }> }) => ({
      ...list,
      runs: list.runs.map((run) => (run.finishedAt ? run : { ...run, durationMs: expect.any(Number) })),
    });
    expect(all.body).toEqual(stable(JSON.parse(JSON.stringify(await flows.list()))));
    expect(all.body.total).toBe(5);
    expect(all.body.runs.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ['tic-4001', 'waiting'], ['rem-3001', 'sleeping'], ['inv-2001', 'failed'], ['ord-1002', 'completed'], ['ord-1001', 'completed'],
    ]);
    const ids = async (query: string) => {
      const response = await get(`${API}/runs?${query}`);
      expect(response.status, query).toBe(200);
      return [response.body.total, response.body.runs.map((r: { id: string }) => r.id)];
    };
    expect(await ids('flow=order-sync')).toEqual([2, ['ord-1002', 'ord-1001']]);
    expect(await ids('status=failed')).toEqual([1, ['inv-2001']]);
    expect(await ids('status=sleeping,waiting')).toEqual([2, ['tic-4001', 'rem-3001']]);
    expect(await ids('status=sleeping&status=waiting')).toEqual([2, ['tic-4001', 'rem-3001']]);
    expect(await ids('offset=1&limit=2')).toEqual([5, ['rem-3001', 'inv-2001']]);
    expect(await ids(`since=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([0, []]);
    expect(await ids('since=2020-01-01&flow=invoice')).toEqual([1, ['inv-2001']]);
  });

  it.each([
    ['status=done', 'Unknown run status "done": use one or several (comma-separated) of queued, running, sleeping, waiting, completed, failed, cancelled'],
    ['flow=', 'The run filter flow must be one non-empty flow name'],
    ['since=yesterday', 'The run filter since must be an ISO 8601 date or date-time'],
    ['limit=0', 'limit must be a whole number from 1 to 500'],
    ['offset=-1', 'offset must be a whole number, 0 or more'],
    ['colour=red', 'Unknown run filter "colour": use flow, status, since (and offset, limit)'],
  ])('answers 400 to ?%s', async (query, message) => {
    const response = await get(`${API}/runs?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(message);
  });

  it("reads one run with its steps in the order reached, and 404 for an unknown one", async () => {
    const response = await get(`${API}/runs/inv-2001`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(await flows.get('inv-2001'))));
    expect(response.body).toMatchObject({ id: 'inv-2001', flow: 'invoice', status: 'failed', input: { invoiceId: 'inv-2001' }, error: { step: 'charge' } });
    expect(response.body.steps.map((s: { id: string; status: string; attempts: number }) => [s.id, s.status, s.attempts])).toEqual([['load', 'completed', 1], ['charge', 'failed', 2]]);
    const unknown = await get(`${API}/runs/no-such-run`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('No flow run has id "no-such-run": it never existed or its retention ran out; list the runs at GET /admin/flows/api/runs');
  });

  it("draws a flow's graph from its recorded runs: a branch where the big order split", async () => {
    const response = await get(`${API}/flows/order-sync/graph`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      flow: 'order-sync',
      runs: 2,
      nodes: [
        { id: 'fetch', kind: 'step', runs: 2, completed: 2, failed: 0 },
        { id: 'transform', kind: 'step', runs: 2, completed: 2, failed: 0 },
        { id: 'split', kind: 'step', runs: 1, completed: 1, failed: 0 },
        { id: 'save', kind: 'step', runs: 2, completed: 2, failed: 0 },
      ],
      edges: [
        { from: 'fetch', to: 'transform', runs: 2 },
        { from: 'transform', to: 'split', runs: 1 },
        { from: 'transform', to: 'save', runs: 1 },
        { from: 'split', to: 'save', runs: 1 },
      ],
    });
    expect((await get(`${API}/flows/never-ran/graph`)).body).toEqual({ flow: 'never-ran', runs: 0, nodes: [], edges: [] });
  });

  it('renders the runs and a run in Chromium as the API reports them', async () => {
    const context = await browser.newContext({ httpCredentials: { username: ADMIN.user, password: ADMIN.password }, viewport: { width: 1280, height: 800 } });
    const shot = (name: string) => join(SCREENSHOTS, platform === 'express' ? `${name}.png` : `${name}-${platform}.png`);
    try {
      const page = await context.newPage();
      expect((await page.goto(`${running.url}/admin/flows`))?.status()).toBe(200);
      const rows = await page.locator('#runs tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-run'), tr.querySelector('.badge')?.textContent]));
      const api = (await get(`${API}/runs`)).body as { runs: Array<{ id: string; status: string }> };
      expect(rows).toEqual(api.runs.map((r) => [r.id, r.status]));
      await page.screenshot({ path: shot('flows-list'), fullPage: true });

      // The filter form (a plain GET form) narrows the list.
      await page.selectOption('select[name=status]', 'failed');
      await Promise.all([page.waitForURL(/status=failed/), page.click('button[type=submit]')]);
      expect(await page.locator('#runs tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run')))).toEqual(['inv-2001']);

      // Express also serves the list at `/admin/flows/`: its links still lead to the runs.
      if (platform === 'express') {
        await page.goto(`${running.url}/admin/flows/`);
        await Promise.all([page.waitForURL(/\/admin\/flows\/runs\/ord-1001$/), page.click('a[href$="runs/ord-1001"]')]);
      }

      // From the list to a run by its link; its timeline and graph match the API.
      await page.goto(`${running.url}/admin/flows?flow=order-sync`);
      await Promise.all([page.waitForURL(/\/admin\/flows\/runs\/ord-1002$/), page.click('a[href$="runs/ord-1002"]')]);
      const steps = await page.locator('#steps tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-step'), tr.querySelector('.badge')?.textContent]));
      const detail = (await get(`${API}/runs/ord-1002`)).body as FlowRunDetail;
      expect(steps).toEqual(detail.steps.map((s) => [s.id, s.status]));
      expect(await page.locator('svg g.node').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-step')))).toEqual(['fetch', 'transform', 'split', 'save']);
      const text = await page.locator('#run').innerText();
      expect(text).toContain('<b>ord-1002</b>'); // the input, escaped: shown as text, not markup
      expect(await page.locator('#run b').count()).toBe(0);
      await page.screenshot({ path: shot('flows-run'), fullPage: true });

      // A failed run shows its error; a parked run what it waits for.
      await page.goto(`${running.url}/admin/flows/runs/inv-2001`);
      expect(await page.locator('#run').innerText()).toContain('in step charge: ');
      expect(await page.locator('#steps tr[data-step=charge]').innerText()).toContain('card declined for inv-2001');
      await page.screenshot({ path: shot('flows-run-failed'), fullPage: true });
      await page.goto(`${running.url}/admin/flows/runs/tic-4001`);
      expect(await page.locator('#waiting').innerText()).toMatch(/waits for event ticket\.replied where ticketId = "?T-42"? until \d{4}-\d\d-\d\d/);
      await page.screenshot({ path: shot('flows-run-waiting'), fullPage: true });
      await page.goto(`${running.url}/admin/flows/runs/rem-3001`);
      expect(await page.locator('#waiting').innerText()).toMatch(/sleeps until \d{4}-\d\d-\d\d/);

      const missing = await page.goto(`${running.url}/admin/flows/runs/no-such-run`);
      expect(missing?.status()).toBe(404);
      expect(await page.locator('main').innerText()).toContain('No flow run has id "no-such-run"');
    } finally {
      await context.close();
    }
  });

  it('replays a failed run from its failed step (earlier steps are not repeated), and refuses what cannot be replayed', async () => {
    log.declined.delete('inv-2001');
    const active = await post(`${API}/runs/tic-4001/replay`);
    expect(active.status).toBe(409);
    expect(active.body.message).toContain('only a finished run');
    expect((await post(`${API}/runs/no-such-run/replay`)).status).toBe(404);
    expect((await post(`${API}/runs/inv-2001/replay`, ['charge'])).status).toBe(400);
    const unknownStep = await post(`${API}/runs/inv-2001/replay`, { fromStep: 'nope' });
    expect(unknownStep.status).toBe(400);
    expect(unknownStep.body.message).toContain('has no step "nope"');

    const replay = await post(`${API}/runs/inv-2001/replay`, { fromStep: 'charge' });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ runId: 'inv-2001' });
    const run = await settled(flows, 'inv-2001', 'completed');
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([['load', 'completed'], ['charge', 'completed'], ['notify', 'completed']]);
    expect(log.calls.filter((c) => c.runId === 'inv-2001').map((c) => c.step)).toEqual(['load', 'charge', 'charge', 'charge', 'notify']);
  });

  it('cancels a parked run once; 404 for an unknown one', async () => {
    // A browser's write from another site is refused: basic-auth credentials are resent by the browser on its own.
    const crossSite = await post(`${API}/runs/rem-3001/cancel`).set('sec-fetch-site', 'cross-site');
    expect(crossSite.status).toBe(403);
    expect((await flows.get('rem-3001'))?.status).toBe('sleeping');
    const first = await post(`${API}/runs/rem-3001/cancel`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ cancelled: true });
    expect((await flows.get('rem-3001'))?.status).toBe('cancelled');
    expect((await post(`${API}/runs/rem-3001/cancel`)).body).toEqual({ cancelled: false });
    expect((await post(`${API}/runs/no-such-run/cancel`)).status).toBe(404);
  });

  it('shows a resumed wait with the event that ended it', async () => {
    expect(await flows.emit('ticket.replied', { ticketId: 'T-42', text: 'Thanks, it works now' })).toMatchObject({ resumed: ['tic-4001'] });
    await settled(flows, 'tic-4001', 'completed');
    const detail = (await get(`${API}/runs/tic-4001`)).body as FlowRunDetail;
    expect(detail.steps.map((s) => [s.id, s.kind, s.status])).toEqual([['open', 'step', 'completed'], ['customer-reply', 'wait', 'completed'], ['close', 'step', 'completed']]);
    const page = await get('/admin/flows/runs/tic-4001');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toMatch(/data-step="customer-reply" data-status="completed">[\s\S]*?&#34;text&#34;:&#34;Thanks, it works now&#34;/);
    expect(page.text).not.toContain('id="waiting"');
  });
});

describe.each(PLATFORMS)('the flows run view without FlowsModule on %s', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(platform, flowsHost([monitoring({ admin: { basicAuth: ADMIN } })]));
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers 501 saying how to add FlowsModule, in JSON and as a page', async () => {
    const message = 'The run view needs FlowsModule from @aiwire/flows in this app: install @aiwire/flows and import FlowsModule.forRoot({ redis })';
    for (const path of [`${API}/runs`, `${API}/runs/x`, `${API}/flows/x/graph`]) {
      const response = await request(running.url).get(path).set('authorization', AUTH);
      expect(response.status, path).toBe(501);
      expect(response.body).toEqual({ statusCode: 501, message, error: 'Not Implemented' });
    }
    const replay = await request(running.url).post(`${API}/runs/x/replay`).set('authorization', AUTH);
    expect(replay.status).toBe(501);
    const page = await request(running.url).get('/admin/flows').set('authorization', AUTH);
    expect(page.status).toBe(501);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('install @aiwire/flows and import FlowsModule.forRoot({ redis })');
    expect((await request(running.url).get('/admin/flows')).status).toBe(401);
  });
});

describe('the flows run view with MonitoringModule.forRootAsync', () => {
  const prefix = uniquePrefix('flows-admin-async');
  const apps: RunningApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    await deleteKeys(prefix);
  });

  it("mounts at routes.admin; answers 404 there when the factory leaves the admin off", async () => {
    const on = MonitoringModule.forRootAsync({ routes: { admin: '/ops' }, useFactory: async () => ({ admin: { basicAuth: ADMIN } }) });
    const off = MonitoringModule.forRootAsync({ useFactory: async () => ({}) });
    apps.push(await startApp('express', flowsHost([flowsModule(`${prefix}-on`), on], flowClasses(flowsLog()))));
    apps.push(await startApp('express', flowsHost([flowsModule(`${prefix}-off`), off], flowClasses(flowsLog()))));
    const [withAdmin, withoutAdmin] = apps as [RunningApp, RunningApp];
    await withAdmin.app.get(FlowsService).start('order-sync', { orderId: 'o-1', lines: 1 }, { id: 'ord-1' });
    const list = await request(withAdmin.url).get('/ops/flows/api/runs').set('authorization', AUTH);
    expect(list.status).toBe(200);
    expect(list.body.runs.map((r: { id: string }) => r.id)).toEqual(['ord-1']);
    expect((await request(withAdmin.url).get('/ops/flows').set('authorization', AUTH)).text).toContain('data-run="ord-1"');
    for (const path of ['/admin/flows/api/runs', '/admin/flows']) expect((await request(withoutAdmin.url).get(path).set('authorization', AUTH)).status).toBe(404);
  });
});
