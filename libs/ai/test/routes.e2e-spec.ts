import request from 'supertest';
import { Module } from '@nestjs/common';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiJobsService, AiModule, type AiJob, type AiModuleExtras } from '@aiwire/ai';
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

  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const user = (content: string) => ({ messages: [{ role: 'user', content }] });
  const finished = (id: string): Promise<AiJob> => waitFor(async () => {
    const job = await running.app.get(AiJobsService).get(id);
    return job && (job.status === 'completed' || job.status === 'failed') ? job : undefined;
  }, 10_000, `job ${id}`);

  it('refuses a jobId chosen by the caller, so nobody can squat the id trusted code submits under later', async () => {
    await boot(true);
    const squat = await request(running.url).post('/ai/jobs').send({ ...user('attacker text'), jobId: 'order-42-review' });
    expect(squat.status).toBe(400);
    expect(squat.body).toEqual({ error: 'invalid_request', message: expect.stringContaining('jobId cannot be chosen through the job routes') });
    for (const jobId of [null, 42, '']) expect((await request(running.url).post('/ai/jobs').send({ ...user('x'), jobId })).status).toBe(400);
    // The server code's own submit under that id runs its own request, not the attacker's.
    const jobs = running.app.get(AiJobsService);
    await jobs.submit({ messages: [{ role: 'user', content: 'trusted text' }] }, { jobId: 'order-42-review' });
    expect((await finished('order-42-review')).result?.text).toBe('Echo: trusted text');
    expect(sandbox.state.requests.count('openai')).toBe(1);
  });

  it('never serves a job whose id server code chose, and a second submit naming it neither overwrites nor reads it', async () => {
    await boot(true);
    const jobs = running.app.get(AiJobsService);
    // A readable name, and one shaped like a drawn id: both were chosen, so neither is a secret.
    for (const jobId of ['order-42-review', '0b7f3c9e-5d1a-4c2b-9e8f-1a2b3c4d5e6f']) {
      await jobs.submit({ messages: [{ role: 'user', content: `private ${jobId}` }] }, { jobId });
      expect((await finished(jobId)).result?.text).toBe(`Echo: private ${jobId}`);
      const read = await request(running.url).get(`/ai/jobs/${jobId}`);
      expect(read.status).toBe(404);
      expect(read.body).toEqual((await request(running.url).get('/ai/jobs/00000000-0000-4000-8000-000000000000')).body);
      expect(JSON.stringify(read.body)).not.toContain('private');
      const again = await request(running.url).post('/ai/jobs').send({ ...user('overwrite'), jobId });
      expect(again.status).toBe(400);
      expect(JSON.stringify(again.body)).not.toContain('private');
      expect(await jobs.get(jobId)).toMatchObject({ status: 'completed', runs: 1, result: { text: `Echo: private ${jobId}` } });
    }
    expect(sandbox.state.requests.count('openai')).toBe(2);
  });

  it('draws a fresh random UUID for every submit, and serves jobs whose id the server drew', async () => {
    await boot(true);
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const res = await request(running.url).post('/ai/jobs').send(user('same body'));
      expect(res.status).toBe(202);
      ids.push((res.body as { jobId: string }).jobId);
    }
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
    // Server code that submits without an id may hand the drawn id to a client to poll here.
    const { jobId } = await running.app.get(AiJobsService).submit({ messages: [{ role: 'user', content: 'polled by a client' }] });
    await finished(jobId);
    const polled = await request(running.url).get(`/ai/jobs/${jobId}`);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({ jobId, status: 'completed', result: { text: 'Echo: polled by a client' } });
    expect(polled.body).not.toHaveProperty('idDrawn');
  });

  it('mounts no routes unless asked to', async () => {
    await boot(undefined);
    expect((await request(running.url).post('/ai/jobs').send({ messages: [{ role: 'user', content: 'x' }] })).status).toBe(404);
  });
});
