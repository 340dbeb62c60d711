import request from 'supertest';
import { request as httpRequest } from 'node:http';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { WebhookIntakeMessage } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { PLATFORM_MOUNTS, SECRETS, hostModule, sources, stripeEvent } from './webhook-fixtures.js';

/** What the server answered while the client still held back almost all of the body it declared. */
interface EarlyAnswer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: string;
  /** The server closed the connection after answering: it will not read the rest either. */
  readonly closed: boolean;
}

const DECLARED = 64 * 2 ** 20;

/**
 * Declares a 64 MiB body, sends its first bytes and never the rest. An answer can only come from a
 * server that decided without reading the body; one that waits for the body would time out.
 */
function postWithheld(url: string, path: string, headers: Record<string, string>, chunked = false): Promise<EarlyAnswer> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sizeHeader = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(DECLARED) };
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path, headers: { ...headers, ...sizeHeader } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        const answer = { status: res.statusCode ?? 0, connection: res.headers.connection, body };
        // The socket's end comes from the server; wait for it a little, then report what happened.
        const timer = setTimeout(() => {
          resolve({ ...answer, closed: false });
          req.destroy();
        }, 1_000);
        req.socket?.once('close', () => {
          clearTimeout(timer);
          resolve({ ...answer, closed: true });
        });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    req.write(chunked ? 'x'.repeat(64 * 1024) : '{"id":"evt_withheld","pad":"');
  });
}

describe.each(PLATFORM_MOUNTS)('refusals that need no body on %s, mount %s', (platform, mount) => {
  const prefix = uniquePrefix(`early-${platform}-${mount}`);
  let running: RunningApp;
  const seen: WebhookIntakeMessage[] = [];
  const listener = (message: unknown) => seen.push(message as WebhookIntakeMessage);

  beforeAll(async () => {
    running = await startApp(
      platform,
      hostModule([], {
        mount,
        keyPrefix: prefix,
        queue: { prefix },
        workers: false,
        sources: sources({
          internal: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], allowIps: ['10.0.0.0/8'] },
          small: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], maxBodyBytes: 1024 },
        }),
      }),
    );
    subscribe('aiwire:webhook:intake', listener);
  });
  beforeEach(() => (seen.length = 0));
  afterAll(async () => {
    unsubscribe('aiwire:webhook:intake', listener);
    await running?.close();
    await deleteKeys(prefix);
  });

  it('answers a caller outside allowIps 403 before reading its body, and closes the connection', async () => {
    const answer = await postWithheld(running.url, '/webhooks/internal', { 'content-type': 'application/json' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error).toBe('forbidden');
    expect(answer.connection).toBe('close');
    expect(answer.closed).toBe(true);
    expect(seen.map((m) => [m.source, m.status, m.outcome])).toEqual([['internal', 403, 'forbidden']]);
  });

  it('answers a body declared over the source limit 413 before reading it, and closes the connection', async () => {
    const answer = await postWithheld(running.url, '/webhooks/small', { 'content-type': 'application/json' });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ status: 'error', error: 'payload_too_large', message: 'Body exceeds 1024 bytes' });
    expect(answer.connection).toBe('close');
    expect(answer.closed).toBe(true);
  });

  it('answers an unknown source without reading its body, and never publishes the path segment', async () => {
    const answer = await postWithheld(running.url, '/webhooks/probe-a8f3c1', { 'content-type': 'application/octet-stream' });
    if (mount === 'controller') {
      expect(answer.closed).toBe(true);
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body).error).toBe('unknown_source');
      expect(seen.map((m) => [m.source, m.status, m.outcome])).toEqual([['(unknown)', 404, 'unknown_source']]);
    } else {
      // The server mount leaves an unknown source to the framework: its answer (and its handling
      // of the body, as for any route the app does not have), not the intake's.
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.body).not.toContain('unknown_source');
      expect(seen).toEqual([]);
    }
    expect(JSON.stringify(seen)).not.toContain('probe-a8f3c1');
  });

  it('cuts off a streamed body that passes the source limit, unless the framework parses it itself', async () => {
    // Fastify answers a content type it has no parser for (415) before any route code runs.
    if (platform === 'fastify' && mount === 'controller') return;
    const answer = await postWithheld(running.url, '/webhooks/small', { 'content-type': 'application/octet-stream' }, true);
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
  });

  it('still takes a normal delivery on the same app', async () => {
    const body = stripeEvent(`evt_early_${platform}_${mount}_${Date.now()}`);
    const res = await request(running.url).post('/webhooks/stripe').set(signWebhook('stripe', SECRETS.stripe, body)).send(JSON.stringify(body));
    expect(res.status).toBe(202);
  });
});

describe.each(PLATFORMS)('the controller mount in an app built with @nestjs/testing on %s', (platform) => {
  const prefix = uniquePrefix(`early-testing-${platform}`);
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    // Test.createTestingModule builds the controller before it knows the HTTP adapter.
    const module = hostModule([], {
      mount: 'controller', keyPrefix: prefix, queue: { prefix }, workers: false,
      sources: sources({ internal: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], allowIps: ['10.0.0.0/8'] } }),
    });
    const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
    app = moduleRef.createNestApplication(platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { rawBody: true, logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await deleteKeys(prefix);
  });

  it('still refuses a forbidden caller before the body parser reads its body', async () => {
    const answer = await postWithheld(url, '/webhooks/internal', { 'content-type': 'application/json' });
    expect(answer.status).toBe(403);
    expect(answer.closed).toBe(true);
  });
});
