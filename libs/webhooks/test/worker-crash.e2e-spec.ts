import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { Redis } from 'ioredis';
import { Injectable, Module } from '@nestjs/common';
import { OnWebhook, WebhookModule } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { compileFixture, startChild, type ChildApp } from '../../../test/support/processes.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';

const SECRET = 'fixture-secret';

/** Real worker processes, killed the two ways a deployment kills them. */
describe('a worker process dying mid-handler', () => {
  let script: string;
  let redis: Redis;
  const prefix = uniquePrefix('crash');
  const children: ChildApp[] = [];
  let api: RunningApp;

  beforeAll(async () => {
    script = compileFixture(fileURLToPath(new URL('./fixtures/deployment-app.ts', import.meta.url)), ['core', 'webhooks']);
    redis = new Redis(REDIS_URL);
    // The API process runs the same handler code as the workers (only `workers` differs), as
    // with `workers: process.env.ROLE !== 'api'`: it decides which handlers an event runs (here the
    // fixture's TicketHandlers.onTicket only).
    @Injectable()
    class TicketHandlers {
      @OnWebhook('ticket.created')
      async onTicket(): Promise<void> {}
    }
    @Module({
      providers: [TicketHandlers],
      imports: [WebhookModule.forRoot({
        redis: { url: REDIS_URL }, sources: { helpdesk: { scheme: 'hmac-sha256', secrets: [SECRET] } },
        keyPrefix: prefix, queue: { prefix }, workers: false,
      })],
    })
    class ApiModule {}
    api = await startApp('express', ApiModule);
  }, 60_000);

  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await api?.close();
    await deleteKeys(prefix);
    redis.disconnect();
  });

  const worker = async (name: string, handlerMs: number): Promise<ChildApp> => {
    const child = startChild(script, { REDIS_URL, PREFIX: prefix, ROLE: 'worker', NAME: name, HANDLER_MS: String(handlerMs), LOCK_MS: '1000' });
    children.push(child);
    await waitFor(async () => (await redis.lrange(`${prefix}:processes`, 0, -1)).includes(`worker ${name}`), 20_000, `${name} to start:\n${child.output()}`);
    return child;
  };
  const deliver = async (id: string) => {
    const body = { id, event_type: 'ticket.created' };
    const res = await request(api.url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', SECRET, body)).send(JSON.stringify(body));
    expect(res.status).toBe(202);
  };
  const log = (id: string) => redis.lrange(`${prefix}:log:${id}`, 0, -1);

  it('SIGKILL: the execution runs again on another worker and completes', async () => {
    const a = await worker('a', 60_000);
    await deliver('kill-1');
    await waitFor(async () => (await log('kill-1')).includes('start:a'), 10_000, 'a to start the handler');
    a.process.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');

    const b = await worker('b', 0);
    await waitFor(async () => (await log('kill-1')).includes('done:b'), 20_000, `b to finish the stalled execution:\n${b.output()}`);
    expect(await log('kill-1')).toEqual(['start:a', 'start:b', 'done:b']);
    b.process.kill('SIGTERM');
    await b.exited;
  }, 60_000);

  it('SIGTERM: the in-flight handler finishes before the process exits, and never runs again', async () => {
    const c = await worker('c', 1_500);
    await deliver('term-1');
    await waitFor(async () => (await log('term-1')).includes('start:c'), 10_000, 'c to start the handler');
    c.process.kill('SIGTERM');
    const exit = await c.exited;
    expect(await log('term-1')).toEqual(['start:c', 'done:c']);
    expect(exit.signal ?? exit.code).not.toBe('SIGKILL');

    const d = await worker('d', 0);
    await new Promise((r) => setTimeout(r, 2_500)); // two stalled-job checks of d
    expect(await log('term-1')).toEqual(['start:c', 'done:c']);
    d.process.kill('SIGTERM');
    await d.exited;
  }, 60_000);
});
