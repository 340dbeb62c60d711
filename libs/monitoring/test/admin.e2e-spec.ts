import request from 'supertest';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { env } from '@aiwire/core';
import { MonitoringModule } from '@aiwire/monitoring';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { ADMIN, AdminKeyGuard, AdminKeys, PASSWORD_VARIABLE, TeamHeaderGuard, basic, deliver, handlerLog, handlers, hostModule, webhookModule, type HandlerLog } from './admin-fixtures.js';

const AUTH = basic(ADMIN.user, ADMIN.password);
const CHALLENGE = 'Basic realm="aiwire admin", charset="UTF-8"';

beforeAll(() => {
  process.env[PASSWORD_VARIABLE] = ADMIN.password;
});
afterAll(() => {
  delete process.env[PASSWORD_VARIABLE];
});

describe.each(PLATFORMS)('admin dead letters on %s', (platform) => {
  const prefix = uniquePrefix(`admin-${platform}`);
  const log: HandlerLog = handlerLog();
  let running: RunningApp;
  let n = 0;
  const nextId = () => `adm_${platform}_${++n}_${Date.now()}`;
  const admin = (method: 'get' | 'post', path: string) => request(running.url)[method](`/admin${path}`).set('Authorization', AUTH);
  const runs = (handler: string, eventId: string) => log.runs.filter((r) => r.handler === handler && r.eventId === eventId);
  /** Delivers and waits until the failing handler's dead letter is listed. */
  const deadLetterOf = async (source: 'billing' | 'helpdesk', type: string, handler: string): Promise<{ id: string; eventId: string }> => {
    const eventId = nextId();
    await deliver(running.url, source, type, eventId);
    return waitFor(async () => {
      const res = await admin('get', `/dead-letters?handler=${handler}&limit=500`);
      const found = (res.body.deadLetters as Array<{ id: string; eventId: string }>).find((d) => d.eventId === eventId);
      return found && { id: found.id, eventId };
    }, 10_000, `dead letter of ${eventId}`);
  };

  beforeAll(async () => {
    const [Billing, Tickets] = handlers(log);
    const monitoring = MonitoringModule.forRoot({ admin: { path: '/admin', basicAuth: { user: ADMIN.user, password: env(PASSWORD_VARIABLE) } } });
    running = await startApp(platform, hostModule([webhookModule(prefix), monitoring], [Billing!, Tickets!]));
  });
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
  });

  it.each([
    ['no credentials', undefined],
    ['a wrong password', basic(ADMIN.user, 'correct horse battery stapl')],
    ['a wrong user', basic('root', ADMIN.password)],
    ['a longer password', basic(ADMIN.user, `${ADMIN.password}!`)],
    ['no colon', `Basic ${Buffer.from(ADMIN.user + ADMIN.password).toString('base64')}`],
    ['another scheme', `Bearer ${ADMIN.password}`],
  ])('answers 401 with a challenge to %s, on the API and the queue UI', async (_case, authorization) => {
    for (const path of ['/admin/dead-letters', '/admin/queues', '/admin/queues/api/queues']) {
      const req = request(running.url).get(path);
      const res = await (authorization ? req.set('Authorization', authorization) : req);
      expect(res.status, path).toBe(401);
      expect(res.headers['www-authenticate']).toBe(CHALLENGE);
      expect(res.body).toMatchObject({ statusCode: 401, message: 'Authentication required: send the admin user and password with HTTP basic auth' });
    }
    const replay = request(running.url).post('/admin/dead-letters/replay');
    expect((await (authorization ? replay.set('Authorization', authorization) : replay)).status).toBe(401);
  });

  it('lists dead letters with the error, attempts and failedAt, filtered by source, type and handler, in pages', async () => {
    log.failing.add('Billing.onFailed').add('Tickets.onCreated');
    const billing = await deadLetterOf('billing', 'payment.failed', 'Billing.onFailed');
    const ticket = await deadLetterOf('helpdesk', 'ticket.created', 'Tickets.onCreated');

    const all = await admin('get', '/dead-letters');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ offset: 0, limit: 50 });
    expect(all.body.total).toBe(all.body.deadLetters.length);
    const listed = all.body.deadLetters.find((d: { id: string }) => d.id === billing.id);
    expect(listed).toEqual({
      id: billing.id,
      source: 'billing',
      type: 'payment.failed',
      eventId: billing.eventId,
      handler: 'Billing.onFailed',
      error: 'Billing.onFailed failed on purpose',
      attempts: 1,
      failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const ids = async (query: string) => ((await admin('get', `/dead-letters?${query}`)).body.deadLetters as Array<{ id: string }>).map((d) => d.id);
    expect(await ids('source=billing')).toContain(billing.id);
    expect(await ids('source=billing')).not.toContain(ticket.id);
    expect(await ids('type=ticket.created')).toEqual(expect.arrayContaining([ticket.id]));
    expect(await ids('type=ticket.created')).not.toContain(billing.id);
    expect(await ids('handler=Tickets.onCreated&source=helpdesk')).toContain(ticket.id);
    expect(await ids('handler=Tickets.onCreated&source=billing')).toEqual([]);

    const pageOne = await admin('get', '/dead-letters?limit=1');
    const pageTwo = await admin('get', '/dead-letters?limit=1&offset=1');
    expect(pageOne.body).toMatchObject({ total: all.body.total, limit: 1, offset: 0 });
    expect(pageOne.body.deadLetters).toHaveLength(1);
    expect(pageTwo.body.deadLetters[0].id).not.toBe(pageOne.body.deadLetters[0].id);
  });

  it.each([
    ['sorce=billing', 'Unknown dead-letter filter "sorce"'],
    ['source=', 'The dead-letter filter source must be one non-empty string'],
    ['source=a&source=b', 'The dead-letter filter source must be one non-empty string'],
    ['limit=0', 'limit must be a whole number from 1 to 500'],
    ['limit=501', 'limit must be a whole number from 1 to 500'],
    ['offset=-1', 'offset must be a whole number, 0 or more'],
  ])('refuses a list query %s with 400', async (query, message) => {
    const res = await admin('get', `/dead-letters?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });

  it('replays one dead letter: only the failed handler runs again, and it is gone from the list', async () => {
    log.failing.add('Billing.onFailed');
    const dead = await deadLetterOf('billing', 'payment.failed', 'Billing.onFailed');
    await waitFor(() => runs('Billing.audit', dead.eventId).length === 1, 5_000, 'audit ran once');
    log.failing.delete('Billing.onFailed');

    const res = await admin('post', `/dead-letters/${encodeURIComponent(dead.id)}/replay`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: dead.id, replayed: true });
    await waitFor(() => runs('Billing.onFailed', dead.eventId).length === 2, 10_000, 'the replayed run');
    expect(runs('Billing.onFailed', dead.eventId).map((r) => r.attempt)).toEqual([1, 1]);
    await new Promise((r) => setTimeout(r, 150));
    expect(runs('Billing.audit', dead.eventId)).toHaveLength(1);
    const after = await admin('get', '/dead-letters?handler=Billing.onFailed&limit=500');
    expect(after.body.deadLetters.map((d: { id: string }) => d.id)).not.toContain(dead.id);

    const again = await admin('post', `/dead-letters/${encodeURIComponent(dead.id)}/replay`);
    expect(again.status).toBe(404);
    expect(again.body.message).toContain('list them at GET /admin/dead-letters');
  });

  it('replays every dead letter matching a filter given as a JSON body or as query parameters', async () => {
    // Start from none of either handler's, so the counts below are exact.
    log.failing.clear();
    await admin('post', '/dead-letters/replay').send({ source: 'billing' });
    await admin('post', '/dead-letters/replay?handler=Tickets.onCreated');
    await waitFor(async () => (await admin('get', '/dead-letters')).body.total === 0, 10_000, 'no dead letters');

    log.failing.add('Billing.onFailed').add('Tickets.onCreated');
    const billing = [await deadLetterOf('billing', 'payment.failed', 'Billing.onFailed'), await deadLetterOf('billing', 'payment.failed', 'Billing.onFailed')];
    const ticket = await deadLetterOf('helpdesk', 'ticket.created', 'Tickets.onCreated');
    log.failing.clear();

    const byBody = await admin('post', '/dead-letters/replay').send({ source: 'billing' });
    expect(byBody.status).toBe(202);
    expect(byBody.body).toEqual({ matched: 2, replayed: 2 });
    await waitFor(() => billing.every((d) => runs('Billing.onFailed', d.eventId).length === 2), 10_000, 'billing replays');
    expect(runs('Tickets.onCreated', ticket.eventId)).toHaveLength(1);
    expect((await admin('get', '/dead-letters')).body.deadLetters.map((d: { id: string }) => d.id)).toEqual([ticket.id]);

    const byQuery = await admin('post', '/dead-letters/replay?handler=Tickets.onCreated&type=ticket.created');
    expect(byQuery.body).toEqual({ matched: 1, replayed: 1 });
    await waitFor(() => runs('Tickets.onCreated', ticket.eventId).length === 2, 10_000, 'ticket replay');
    await new Promise((r) => setTimeout(r, 150));
    for (const d of billing) expect(runs('Billing.audit', d.eventId)).toHaveLength(1);
  });

  it('refuses a replay filter it does not understand, so a typo never replays everything', async () => {
    for (const [path, body] of [['/dead-letters/replay?handlr=Billing.onFailed', undefined], ['/dead-letters/replay', { sorce: 'billing' }], ['/dead-letters/replay', ['billing']]] as const) {
      const req = admin('post', path);
      const res = await (body ? req.send(body as object) : req);
      expect(res.status, path).toBe(400);
    }
  });

  it('refuses a write a browser sends from another site (the credentials alone do not suffice)', async () => {
    const crossSite = await admin('post', '/dead-letters/replay').set('Sec-Fetch-Site', 'cross-site').send({ source: 'billing' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.message).toContain('Cross-site request refused');
    const foreignOrigin = await admin('post', '/dead-letters/replay').set('Origin', 'https://evil.example').send({ source: 'billing' });
    expect(foreignOrigin.status).toBe(403);
    const ownOrigin = await admin('post', '/dead-letters/replay').set('Origin', running.url).send({ source: 'billing' });
    expect(ownOrigin.status).toBe(202);
    expect((await admin('get', '/dead-letters').set('Sec-Fetch-Site', 'cross-site')).status).toBe(200);
  });
});

describe.each(PLATFORMS)('admin access and absent parts on %s', (platform) => {
  const open: RunningApp[] = [];
  afterAll(async () => {
    for (const running of open) await running.close();
  });
  const start = async (...args: Parameters<typeof hostModule>) => {
    const running = await startApp(platform, hostModule(...args));
    open.push(running);
    return running;
  };

  it('lets a host guard (one of the app’s providers, with its own dependencies) decide: 403 on the API and the queue UI', async () => {
    const running = await start([MonitoringModule.forRoot({ admin: { guard: AdminKeyGuard } })], [AdminKeys, AdminKeyGuard]);
    for (const path of ['/admin/dead-letters', '/admin/queues']) {
      const refused = await request(running.url).get(path).set('x-admin-key', 'guessed');
      expect(refused.status, path).toBe(403);
      expect(refused.headers['www-authenticate']).toBeUndefined();
      expect((await request(running.url).get(path)).status).toBe(403);
    }
    // Allowed through: the dead-letter API says this app has no WebhookModule; the queue UI renders.
    const api = await request(running.url).get('/admin/dead-letters').set('x-admin-key', 'key-of-the-ops-team');
    expect(api.status).toBe(501);
    expect(api.body.message).toBe('The dead-letter API needs WebhookModule from @aiwire/webhooks in this app: install @aiwire/webhooks and import WebhookModule.forRoot({ redis, sources })');
    expect((await request(running.url).post('/admin/dead-letters/replay').set('x-admin-key', 'key-of-the-ops-team')).status).toBe(501);
    expect((await request(running.url).post('/admin/dead-letters/x/replay').set('x-admin-key', 'key-of-the-ops-team')).status).toBe(501);
    const ui = await request(running.url).get('/admin/queues').set('x-admin-key', 'key-of-the-ops-team');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('<title>');
  });

  it('answers a guard’s HttpException as it says, and a guard that throws anything else with a bare 500', async () => {
    const running = await start([MonitoringModule.forRoot({ admin: { guard: AdminKeyGuard } })], [AdminKeys, AdminKeyGuard]);
    for (const path of ['/admin/dead-letters', '/admin/queues']) {
      const expired = await request(running.url).get(path).set('x-admin-key', 'expired');
      expect(expired.status, path).toBe(401);
      expect(expired.body).toMatchObject({ statusCode: 401, message: 'Your admin key expired: ask for a new one' });
      const broken = await request(running.url).get(path).set('x-admin-key', 'broken');
      expect(broken.status, path).toBe(500);
      expect(broken.body).toEqual({ statusCode: 500, message: 'Internal server error' });
    }
    // The queue UI's 500 is logged (the controller's by Nest's ExceptionsHandler); the body says nothing of it.
    expect(running.logs.lines.some((l) => l.level === 'error' && l.context === 'BullBoardMount' && l.message.startsWith('The admin guard threw on a queue UI request'))).toBe(true);
  });

  it('instantiates a host guard that is none of the app’s providers', async () => {
    const running = await start([MonitoringModule.forRoot({ admin: { guard: TeamHeaderGuard } })]);
    expect((await request(running.url).get('/admin/queues').set('x-team', 'sales')).status).toBe(403);
    expect((await request(running.url).get('/admin/queues').set('x-team', 'ops')).status).toBe(200);
    expect((await request(running.url).get('/admin/dead-letters').set('x-team', 'ops')).status).toBe(501);
  });

  it('requires both basic auth and the guard when both are given', async () => {
    const running = await start([MonitoringModule.forRoot({ admin: { basicAuth: ADMIN, guard: AdminKeyGuard } })], [AdminKeys, AdminKeyGuard]);
    const key = 'key-of-the-ops-team';
    expect((await request(running.url).get('/admin/queues').set('x-admin-key', key)).status).toBe(401);
    expect((await request(running.url).get('/admin/queues').set('Authorization', AUTH)).status).toBe(403);
    expect((await request(running.url).get('/admin/queues').set('Authorization', AUTH).set('x-admin-key', key)).status).toBe(200);
    expect((await request(running.url).get('/admin/dead-letters').set('Authorization', AUTH).set('x-admin-key', key)).status).toBe(501);
  });

  it('answers 404 on the admin routes when forRootAsync leaves the admin off', async () => {
    const running = await start([MonitoringModule.forRootAsync({ routes: { admin: '/ops' }, useFactory: () => ({}) })]);
    expect((await request(running.url).get('/ops/dead-letters').set('Authorization', AUTH)).status).toBe(404);
    expect((await request(running.url).get('/ops/queues').set('Authorization', AUTH)).status).toBe(404);
  });

  it('serves the admin where forRootAsync’s routes say, under the global prefix', async () => {
    const module = hostModule([MonitoringModule.forRootAsync({ routes: { admin: '/ops' }, useFactory: () => ({ admin: { basicAuth: ADMIN } }) })]);
    const app = await NestFactory.create(module, platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { logger: false });
    app.setGlobalPrefix('api');
    await app.listen(0, '127.0.0.1');
    try {
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const ui = await request(url).get('/api/ops/queues').set('Authorization', AUTH);
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('/api/ops/queues/');
      expect((await request(url).get('/api/ops/queues/api/queues').set('Authorization', AUTH)).status).toBe(200);
      expect((await request(url).get('/api/ops/dead-letters').set('Authorization', AUTH)).status).toBe(501);
      expect((await request(url).get('/ops/queues').set('Authorization', AUTH)).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('refuses to start an admin with neither basic auth nor a guard', async () => {
    await expect(startApp(platform, hostModule([MonitoringModule.forRootAsync({ useFactory: () => ({ admin: { path: '/admin' } }) })]))).rejects.toThrow('admin needs basicAuth: { user, password } or a guard');
  });

  it('refuses to start when env() names a password that is not set', async () => {
    const module = hostModule([MonitoringModule.forRoot({ admin: { basicAuth: { user: 'ops', password: env('AIWIRE_E2E_UNSET_PASSWORD') } } })]);
    await expect(startApp(platform, module)).rejects.toThrow("admin.basicAuth.password is env('AIWIRE_E2E_UNSET_PASSWORD'), but the environment variable AIWIRE_E2E_UNSET_PASSWORD is not set");
  });
});
