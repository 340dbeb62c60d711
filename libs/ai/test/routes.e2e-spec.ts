import request from 'supertest';
import { Module } from '@nestjs/common';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiModule, type AiModuleExtras } from '@aiwire/ai';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { sandboxProviders } from './ai-harness.js';

describe.each(PLATFORMS)('AI job routes on %s', (platform) => {
  let sandbox: Sandbox;
  let prefix: string;
  let running: RunningApp;
  const boot = async (routes: AiModuleExtras['routes']): Promise<void> => {
    @Module({
      imports: [
        AiModule.forRoot({
          redis: { url: REDIS_URL },
          keyPrefix: prefix,
          providers: sandboxProviders(sandbox),
          defaultProvider: 'openai',
          jobs: { queuePrefix: prefix, callbackSecret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=' },
          routes,
        }),
      ],
    })
    class AppModule {}
    running = await startApp(platform, AppModule);
  };

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
    prefix = uniquePrefix('ai-routes');
  });
  afterEach(async () => {
    await running.close();
    await sandbox.close();
    await deleteKeys(prefix);
  });

  it('POST /ai/jobs → 202 { jobId }; GET → 202 while pending, 200 when done; 404 for unknown ids', async () => {
    await boot(true);
    sandbox.faults.inject('openai', { delayMs: 400 });
    const submitted = await request(running.url).post('/ai/jobs').send({ messages: [{ role: 'user', content: 'over http' }] });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toEqual({ jobId: expect.any(String) });
    const { jobId } = submitted.body as { jobId: string };
    const pending = await request(running.url).get(`/ai/jobs/${jobId}`);
    expect(pending.status).toBe(202);
    expect(['queued', 'running']).toContain(pending.body.status);
    const done = await waitFor(async () => {
      const res = await request(running.url).get(`/ai/jobs/${jobId}`);
      return res.status === 200 ? res : undefined;
    }, 10_000, 'job done');
    expect(done.body).toMatchObject({ jobId, status: 'completed', result: { text: 'Echo: over http', provider: 'openai' } });
    const missing = await request(running.url).get('/ai/jobs/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not_found' });
  });

  it('answers 400 for an invalid request and for a refused callback URL', async () => {
    await boot({ path: 'llm' });
    const invalid = await request(running.url).post('/llm/jobs').send({ messages: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('messages must be a non-empty array') });
    const ssrf = await request(running.url).post('/llm/jobs').send({ messages: [{ role: 'user', content: 'x' }], callbackUrl: 'http://169.254.169.254/latest' });
    expect(ssrf.status).toBe(400);
    expect(ssrf.body).toMatchObject({ error: 'callback_url_refused', message: expect.stringContaining('link-local') });
    const wrongType = await request(running.url).post('/llm/jobs').send({ messages: [{ role: 'user', content: 'x' }], callbackUrl: 42 });
    expect(wrongType.status).toBe(400);
    expect(sandbox.state.requests.count('openai')).toBe(0);
  });

  it('mounts no routes unless asked to', async () => {
    await boot(undefined);
    expect((await request(running.url).post('/ai/jobs').send({ messages: [{ role: 'user', content: 'x' }] })).status).toBe(404);
  });
});
