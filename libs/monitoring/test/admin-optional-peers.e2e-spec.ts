import { fileURLToPath } from 'node:url';
import { compileFixture, startChild, type ChildApp } from '../../../test/support/processes.js';
import { PLATFORMS } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';

const AUTH = `Basic ${Buffer.from('ops:fixture-password').toString('base64')}`;

describe('admin without its optional peers (a real install lacking them, in a child process)', () => {
  let script: string;
  const children: ChildApp[] = [];
  const prefix = uniquePrefix('admin-peers');
  beforeAll(() => {
    script = compileFixture(fileURLToPath(new URL('./fixtures/admin-without-peers.ts', import.meta.url)), ['monitoring']);
  }, 120_000);
  afterAll(async () => {
    for (const child of children) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    await deleteKeys(prefix);
  });

  async function start(platform: string, block: string): Promise<{ url: string; child: ChildApp }> {
    const child = startChild(script, { BLOCK: block, PLATFORM: platform, REDIS_URL, PREFIX: prefix });
    children.push(child);
    const url = await waitFor(() => /LISTENING (\S+)/.exec(child.output())?.[1] ?? (child.process.exitCode !== null ? Promise.reject(new Error(child.output())) : undefined), 20_000, 'the app listening');
    return { url, child };
  }
  const get = (url: string, path: string) => fetch(`${url}${path}`, { headers: { authorization: AUTH } });

  it.each(PLATFORMS)('on %s without @bull-board: the queue UI answers 501 saying what to install; the dead-letter API works', async (platform) => {
    const { url, child } = await start(platform, '@bull-board');
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await get(url, path);
      expect(res.status, path).toBe(501);
      expect(await res.json()).toEqual({
        statusCode: 501,
        error: 'Not Implemented',
        message: `The queue UI needs @bull-board/api and @bull-board/${platform} (9.10.1, optional peers of @aiwire/monitoring): npm install @bull-board/api@9.10.1 @bull-board/${platform}@9.10.1. The dead-letter API works without them.`,
      });
    }
    expect((await fetch(`${url}/admin/queues`)).status).toBe(401);
    const list = await get(url, '/admin/dead-letters');
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ total: 0, offset: 0, limit: 50, deadLetters: [] });
    expect(child.output()).toContain('The queue UI needs @bull-board/api');
  });

  it.each(PLATFORMS)('on %s without @aiwire/webhooks (nor bull-board): the dead-letter API answers 501', async (platform) => {
    const { url } = await start(platform, '@aiwire/webhooks,@bull-board');
    const res = await get(url, '/admin/dead-letters');
    expect(res.status).toBe(501);
    expect(((await res.json()) as { message: string }).message).toContain('The dead-letter API needs WebhookModule from @aiwire/webhooks');
    expect((await fetch(`${url}/admin/dead-letters/x/replay`, { method: 'POST', headers: { authorization: AUTH } })).status).toBe(501);
    expect((await get(url, '/admin/queues')).status).toBe(501);
  });
});
