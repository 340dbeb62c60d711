import { startSandbox, type Sandbox } from '../src/index.js';

describe('Slack Web API stand-in', () => {
  let sandbox: Sandbox;
  let api: (method: string, body?: unknown, init?: { token?: string | null; form?: boolean; http?: 'GET'; charset?: boolean }) => Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;

  beforeEach(async () => {
    sandbox = await startSandbox({ limits: { slack: { 'chat.postMessage': 3 } } });
    api = async (method, body, init = {}) => {
      const token = init.token === undefined ? sandbox.credentials.slackBotToken : init.token;
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      let payload: string | undefined;
      if (body !== undefined && init.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = new URLSearchParams(body as Record<string, string>).toString();
      } else if (body !== undefined) {
        headers['content-type'] = init.charset === false ? 'application/json' : 'application/json; charset=utf-8';
        payload = JSON.stringify(body);
      }
      const res = await fetch(`${sandbox.urls.slack}/api/${method}`, { method: init.http ?? 'POST', headers, body: payload });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
    };
  });
  afterEach(() => sandbox.close());

  it('chat.postMessage answers ok with channel id, ts and the message, and keeps it per channel', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Refund* requested' } }];
    const res = await api('chat.postMessage', { channel: '#support', text: 'Refund requested', blocks });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-slack-req-id')).toBeTruthy();
    expect(res.body).toMatchObject({ ok: true, channel: 'C0AIWSUPRT2', message: { type: 'message', text: 'Refund requested', bot_id: 'B0AIWBOT001', blocks } });
    expect(res.body.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect((res.body.message as { ts: string }).ts).toBe(res.body.ts);
    expect(sandbox.state.slack.messagesIn('support').map((m) => m.text)).toEqual(['Refund requested']);
    expect(sandbox.state.slack.messagesIn('C0AIWSUPRT2')[0]?.blocks).toEqual(blocks);
  });

  it('accepts a form body with the token as a field and blocks as JSON text', async () => {
    const res = await api(
      'chat.postMessage',
      { token: sandbox.credentials.slackBotToken, channel: 'C0AIWALRTS3', blocks: JSON.stringify([{ type: 'divider' }]) },
      { form: true, token: null },
    );
    expect(res.body).toMatchObject({ ok: true, channel: 'C0AIWALRTS3' });
    expect(sandbox.state.slack.messagesIn('#alerts')).toHaveLength(1);
  });

  it('gives each message a distinct, increasing ts', async () => {
    const a = await api('chat.postMessage', { channel: 'general', text: 'one' });
    const b = await api('chat.postMessage', { channel: 'general', text: 'two' });
    expect(Number(b.body.ts)).toBeGreaterThan(Number(a.body.ts));
  });

  it.each([
    ['no token', { channel: '#support', text: 'x' }, { token: null }, 'not_authed'],
    ['a token in a JSON body (Slack wants the header)', { channel: '#support', text: 'x', token: 'xoxb-sandbox-bot-token' }, { token: null }, 'not_authed'],
    ['a wrong token', { channel: '#support', text: 'x' }, { token: 'xoxb-wrong' }, 'invalid_auth'],
    ['an unknown channel', { channel: '#nope', text: 'x' }, {}, 'channel_not_found'],
    ['a channel the bot is not in', { channel: '#sales', text: 'x' }, {}, 'not_in_channel'],
    ['an archived channel', { channel: '#old-launch', text: 'x' }, {}, 'is_archived'],
    ['no text, blocks or attachments', { channel: '#support' }, {}, 'no_text'],
    ['blocks that are not a list', { channel: '#support', blocks: { type: 'divider' } }, {}, 'invalid_blocks_format'],
  ] as const)('answers HTTP 200 ok:false for %s', async (_case, body, init, error) => {
    const res = await api('chat.postMessage', body, init);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: false, error });
    expect(sandbox.state.slack.messages.size).toBe(0);
  });

  it('warns missing_charset on a JSON body without a charset, as Slack does', async () => {
    const res = await api('chat.postMessage', { channel: '#support', text: 'x' }, { charset: false });
    expect(res.body).toMatchObject({ ok: true, warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } });
  });

  it('auth.test tells the bot who it is', async () => {
    const res = await api('auth.test');
    expect(res.body).toEqual({
      ok: true,
      url: 'https://aiwire-sandbox.slack.com/',
      team: 'aiwire Sandbox',
      user: 'aiwire',
      team_id: 'T0AIWSANDBX',
      user_id: 'U0AIWBOT001',
      bot_id: 'B0AIWBOT001',
      is_enterprise_install: false,
    });
  });

  it('conversations.list pages with response_metadata.next_cursor until it is empty', async () => {
    const names: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const res = await api(`conversations.list?limit=2&exclude_archived=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, { http: 'GET' });
      expect(res.body.ok).toBe(true);
      names.push(...(res.body.channels as { name: string }[]).map((c) => c.name));
      cursor = (res.body.response_metadata as { next_cursor: string }).next_cursor;
      pages++;
    } while (cursor);
    expect(names).toEqual(['general', 'support', 'alerts', 'reviews', 'sales', 'purchasing']);
    expect(pages).toBe(3);
  });

  it('conversations.list filters types and refuses a bad cursor or limit', async () => {
    const priv = await api('conversations.list?types=private_channel', undefined, { http: 'GET' });
    expect((priv.body.channels as { name: string }[]).map((c) => c.name)).toEqual(['finance']);
    expect((await api('conversations.list?cursor=bm9wZQ==', undefined, { http: 'GET' })).body).toEqual({ ok: false, error: 'invalid_cursor' });
    expect((await api('conversations.list?limit=5000', undefined, { http: 'GET' })).body).toEqual({ ok: false, error: 'invalid_limit' });
  });

  it('rate-limits chat.postMessage per channel with 429, Retry-After in seconds and error ratelimited', async () => {
    for (let i = 0; i < 3; i++) expect((await api('chat.postMessage', { channel: '#support', text: `m${i}` })).body.ok).toBe(true);
    const limited = await api('chat.postMessage', { channel: '#support', text: 'too many' });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(Number(limited.headers.get('retry-after')))).toBe(true);
    expect((await api('chat.postMessage', { channel: '#general', text: 'other channel' })).body.ok).toBe(true);
    expect(sandbox.state.slack.messagesIn('#support')).toHaveLength(3);
  });

  it('an injected 429 or 500 carries Slack’s own body and headers', async () => {
    sandbox.faults.inject('slack', { status: 429 });
    sandbox.faults.inject('slack', { status: 500 });
    const limited = await api('chat.postMessage', { channel: '#support', text: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    expect(limited.headers.get('retry-after')).toBe('1');
    const broken = await api('chat.postMessage', { channel: '#support', text: 'x' });
    expect(broken).toMatchObject({ status: 500, body: { ok: false, error: 'internal_error' } });
    expect((await api('chat.postMessage', { channel: '#support', text: 'x' })).body.ok).toBe(true);
    expect(sandbox.state.slack.messagesIn('#support')).toHaveLength(1);
  });

  it('answers 404 unknown_method for a method it does not serve', async () => {
    const res = await api('users.list', undefined, { http: 'GET' });
    expect(res).toMatchObject({ status: 404, body: { ok: false, error: 'unknown_method', req_method: 'users.list' } });
  });
});
