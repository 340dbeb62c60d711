import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { ConnectorHttpError, type SlackConnector } from '@aiwire/connectors';
import { rejectionOf, sandboxConnectors, startConnectors, timed, type RunningConnectors } from './connectors-fixtures.js';

describe('SlackConnector against the Slack Web API stand-in', () => {
  let sandbox: Sandbox;
  let running: RunningConnectors;
  let slack: SlackConnector;

  beforeEach(async () => {
    sandbox = await startSandbox();
    running = await startConnectors({ slack: { ...sandboxConnectors(sandbox).slack!, retry: { baseDelayMs: 20 } } });
    slack = running.get('slack');
  });
  afterEach(async () => {
    await running.close();
    await sandbox.close();
  });

  it('posts a message with blocks, and Slack holds it in the channel', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Negative review* on order #1002' } }];
    const res = await slack.postMessage({ channel: '#support', text: 'Negative review on #1002', blocks });
    expect(res).toMatchObject({ ok: true, channel: expect.stringMatching(/^C/), message: { text: 'Negative review on #1002', blocks } });
    const stored = sandbox.state.slack.messagesIn('#support');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ts: res.ts, text: 'Negative review on #1002', blocks });
    // JSON with the charset Slack asks for, so no missing_charset warning comes back.
    expect(res.warning).toBeUndefined();
  });

  it.each([
    ['#does-not-exist', 'channel_not_found'],
    ['#sales', 'not_in_channel'],
    ['#old-launch', 'is_archived'],
  ])('fails ok:false answers (HTTP 200) to %s as ConnectorHttpError %s, without retrying', async (channel, code) => {
    const error = await rejectionOf(slack.postMessage({ channel, text: 'hello' }));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 200, code, attempts: 1, connector: 'slack', service: 'slack', method: 'POST', endpoint: '/api/chat.postMessage' });
    expect(error.message).toContain(code);
    expect(sandbox.state.requests.count('slack', 'POST /api/chat.postMessage')).toBe(1);
  });

  it('refuses a message without text or blocks with no_text', async () => {
    const error = await rejectionOf(slack.postMessage({ channel: '#support' }));
    expect(error).toMatchObject({ code: 'no_text', status: 200 });
  });

  it('waits out a 429 for exactly the Retry-After Slack sends, then posts once', async () => {
    sandbox.faults.inject('slack', { status: 429, headers: { 'Retry-After': '1' } });
    const { value, ms } = await timed(() => slack.postMessage({ channel: '#support', text: 'after the limit' }));
    expect(value.ok).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(1600);
    expect(sandbox.state.requests.filter('slack').map((r) => r.status)).toEqual([429, 200]);
    expect(sandbox.state.slack.messagesIn('#support')).toHaveLength(1);
  });

  it('walks every page of conversations.list by next_cursor', async () => {
    const first = await slack.listConversations({ limit: 2 });
    expect(first.channels).toHaveLength(2);
    expect(first.response_metadata?.next_cursor).toBeTruthy();
    const all = await slack.listConversations({ limit: 2, types: 'public_channel,private_channel' }).toArray();
    const expected = [...sandbox.state.slack.channels.values()].map((c) => c.id).sort();
    expect(all.map((c) => c.id).sort()).toEqual(expected);
    expect(sandbox.state.requests.count('slack', 'GET /api/conversations.list')).toBe(1 + Math.ceil(expected.length / 2));
  });

  it('answers invalid_auth for a wrong token, naming the fix and never the token', async () => {
    const other = await startConnectors({ slack: { ...sandboxConnectors(sandbox).slack!, auth: { type: 'bearer', token: 'xoxb-wrong-token-123456' } } });
    try {
      const error = await rejectionOf(other.get<SlackConnector>('slack').authTest());
      expect(error).toMatchObject({ code: 'invalid_auth', status: 200, attempts: 1 });
      expect(error.message).toMatch(/token was refused/);
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain('xoxb-wrong-token-123456');
    } finally {
      await other.close();
    }
  });

  it('calls any Web API method with call()', async () => {
    const res = await slack.call<{ ok: true; team_id: string }>('auth.test');
    expect(res.team_id).toBe(sandbox.state.slack.team.id);
    await expect(slack.call('../../v1/customers')).rejects.toThrow(TypeError);
  });
});
