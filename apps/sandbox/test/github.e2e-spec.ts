import { verify } from '@octokit/webhooks-methods';
import { startSandbox, type Sandbox } from '../src/index.js';
import { header, startReceiver, type WebhookReceiver } from './webhook-receiver.js';

type Json = Record<string, any>;
const REPO = '/repos/aiwire-demo/storefront/hooks';

describe('GitHub repository webhooks stand-in', () => {
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;
  const gh = async (path: string, init: { method?: string; body?: unknown; auth?: string | null } = {}) => {
    const auth = init.auth === undefined ? `Bearer ${sandbox.credentials.githubToken}` : init.auth;
    const res = await fetch(`${sandbox.urls.github}${path}`, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/vnd.github+json', ...(auth && { authorization: auth }), ...(init.body !== undefined && { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Json };
  };
  const hookBody = (url: string, extra: Json = {}) => ({ name: 'web', active: true, events: ['push', 'issues'], config: { url, content_type: 'json', secret: 'gh-hook-secret', insecure_ssl: '0' }, ...extra });

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('creates a hook (201, Location, masked secret), lists it and deletes it (204)', async () => {
    const created = await gh(REPO, { method: 'POST', body: hookBody(receiver.url) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'Repository',
      name: 'web',
      active: true,
      events: ['push', 'issues'],
      config: { url: receiver.url, content_type: 'json', insecure_ssl: '0', secret: '********' },
      last_response: { code: null, status: 'unused', message: null },
    });
    expect(created.body.url).toBe(`${sandbox.urls.github}${REPO}/${created.body.id}`);
    expect(created.headers.get('location')).toBe(created.body.url);
    expect(JSON.stringify(created.body)).not.toContain('gh-hook-secret');
    expect((await gh(REPO)).body.map((h: Json) => h.id)).toEqual([created.body.id]);
    const removed = await gh(`${REPO}/${created.body.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await gh(`${REPO}/${created.body.id}`)).status).toBe(404);
  });

  it('refuses a second hook for the same URL with 422 Validation Failed', async () => {
    await gh(REPO, { method: 'POST', body: hookBody(receiver.url) });
    const duplicate = await gh(REPO, { method: 'POST', body: hookBody(receiver.url, { events: ['push'] }) });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Hook', code: 'custom', message: 'Hook already exists on this repository' }] });
    expect(sandbox.state.github.hooks.size).toBe(1);
  });

  it('answers 401 and 404 with GitHub’s bodies', async () => {
    expect(await gh(REPO, { auth: null })).toMatchObject({ status: 401, body: { message: 'Requires authentication' } });
    expect(await gh(REPO, { auth: 'token ghp_wrong' })).toMatchObject({ status: 401, body: { message: 'Bad credentials', documentation_url: expect.any(String) } });
    expect((await gh(REPO, { auth: `token ${sandbox.credentials.githubToken}` })).status).toBe(200);
    expect(await gh('/repos/someone/else/hooks')).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });

  it('sends X-RateLimit-* headers and 403 with remaining 0 once the hourly budget is spent', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ seed: false, limits: { githubPerHour: 2 } });
    const first = await gh(REPO);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    await gh(REPO);
    const limited = await gh(REPO);
    expect(limited.status).toBe(403);
    expect(limited.body.message).toMatch(/^API rate limit exceeded/);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('pings a new hook, signed so that @octokit/webhooks-methods verifies it', async () => {
    const created = await gh(REPO, { method: 'POST', body: hookBody(receiver.url) });
    await sandbox.whenIdle();
    expect(receiver.received).toHaveLength(1);
    const ping = receiver.received[0]!;
    expect(ping.headers['x-github-event']).toBe('ping');
    expect(ping.headers['x-github-hook-id']).toBe(String(created.body.id));
    expect(header(ping.headers, 'x-github-delivery')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await verify('gh-hook-secret', ping.raw, header(ping.headers, 'x-hub-signature-256'))).toBe(true);
    expect(await verify('another-secret', ping.raw, header(ping.headers, 'x-hub-signature-256'))).toBe(false);
    expect(JSON.parse(ping.raw)).toMatchObject({ hook_id: created.body.id, zen: expect.any(String) });
    expect(sandbox.state.deliveries[0]).toMatchObject({ service: 'github', type: 'ping', status: 200, attempts: 1, done: true });
  });

  it('emits an event to subscribed hooks: event header, action in body, form content type when configured', async () => {
    await gh(REPO, { method: 'POST', body: hookBody(receiver.url, { config: { url: receiver.url, content_type: 'form', secret: 'form-secret' } }) });
    await sandbox.whenIdle();
    const [delivery] = await sandbox.emit('github', 'issues.opened', { issue: { number: 7, title: 'Checkout is slow' } });
    expect(delivery).toMatchObject({ status: 200, type: 'issues.opened' });
    const event = receiver.received[1]!;
    expect(event.headers['x-github-event']).toBe('issues');
    expect(event.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(await verify('form-secret', event.raw, header(event.headers, 'x-hub-signature-256'))).toBe(true);
    const payload = JSON.parse(new URLSearchParams(event.raw).get('payload') ?? '{}') as Json;
    expect(payload).toMatchObject({ action: 'opened', issue: { number: 7 } });
    expect(await sandbox.emit('github', 'release.published', {})).toEqual([]);
  });

  it('does not call hooks outside loopback; it records them as skipped', async () => {
    await gh(REPO, { method: 'POST', body: hookBody('https://hooks.example.com/github') });
    await sandbox.whenIdle();
    expect(sandbox.state.deliveries[0]).toMatchObject({ skipped: true, attempts: 0, done: true });
  });

  it('edits a hook with PATCH: events, add_events, active and a new secret that signs from then on', async () => {
    const created = await gh(REPO, { method: 'POST', body: hookBody(receiver.url, { active: false }) });
    const patched = await gh(`${REPO}/${created.body.id}`, {
      method: 'PATCH',
      body: { active: true, add_events: ['pull_request'], config: { url: receiver.url, content_type: 'json', secret: 'rotated-secret' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: created.body.id, active: true, events: ['push', 'issues', 'pull_request'], config: { url: receiver.url, secret: '********' } });
    expect(sandbox.state.github.hooks.get(created.body.id)?.secret).toBe('rotated-secret');
    const replaced = await gh(`${REPO}/${created.body.id}`, { method: 'PATCH', body: { events: ['issues'] } });
    expect(replaced.body.events).toEqual(['issues']);
    expect(sandbox.state.github.hooks.get(created.body.id)?.secret).toBe('rotated-secret');
    expect((await gh(`${REPO}/${created.body.id}`, { method: 'PATCH', body: { events: 'push' } })).status).toBe(422);
    expect((await gh(`${REPO}/999`, { method: 'PATCH', body: { active: false } })).status).toBe(404);
  });
});
