import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { createChannel, currentCorrelation, env } from '@aiwire/core';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import type { AiRequestMessage } from '@aiwire/ai';
import { MONITORING_LOGGER } from '@aiwire/monitoring';
import { PLATFORMS } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { LineCapture, logsHost, startLogsHost } from './fixtures/logs-host.js';

const SECRET_NAME = 'AIWIRE_LOGS_E2E_SECRET';
process.env[SECRET_NAME] = 'configured-secret-value-6e01';
// One capture for the file: nestjs-pino's root logger is the first app's (see logs.e2e-spec.ts).
const out = new LineCapture();

describe.each(PLATFORMS)('logs options on %s', (platform) => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: false });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  describe("level 'warn', pino-http off, a secret from the environment", () => {
    let app: INestApplication;
    let url: string;
    const prefix = uniquePrefix(`logs-warn-${platform}`);
    beforeAll(async () => {
      ({ app, url } = await startLogsHost(platform, logsHost({ prefix, sandbox, logs: { destination: out, level: 'warn', http: false, secrets: [env(SECRET_NAME)] } })));
    });
    afterAll(async () => {
      await app?.close();
      await deleteKeys(prefix);
    });

    it('writes warn lines and up only, and no pino-http line', async () => {
      const ok = `ok-${platform}`;
      const refused = `refused-${platform}`;
      expect((await request(url).get('/orders/50').set('x-request-id', ok)).status).toBe(200);
      expect((await request(url).post('/orders/50/refund').set('x-request-id', refused)).status).toBe(400);
      await waitFor(() => out.find({ correlation_id: refused, event: 'http.request' }).length === 1, 5_000, 'the refused request line');
      expect(out.find({ correlation_id: refused })).toEqual([expect.objectContaining({ level: 40, event: 'http.request', status: 400 })]);
      expect(out.find({ correlation_id: ok })).toEqual([]);
      expect(out.json().filter((l) => l.msg === 'request completed' || l.msg === 'request errored')).toEqual([]);
    });

    it('censors a configured env() secret in lines written through MONITORING_LOGGER, and stops writing once the app is closed', async () => {
      const logger = app.get<Logger>(MONITORING_LOGGER);
      logger.warn({ event: `custom-${platform}` }, `calling the partner with ${process.env[SECRET_NAME]}`);
      expect(out.find({ event: `custom-${platform}` })).toEqual([expect.objectContaining({ msg: 'calling the partner with [REDACTED]' })]);
      await app.close();
      const before = out.lines.length;
      createChannel('aiwire:http:circuit').publish({ connector: `after-close-${platform}`, from: 'closed', to: 'open' });
      expect(out.lines.length).toBe(before);
      expect(out.text()).not.toContain(process.env[SECRET_NAME]);
    });
  });

  it('fails the startup with what to do when the logs cannot work as configured (and never hangs)', async () => {
    const prefix = uniquePrefix(`logs-bad-${platform}`);
    try {
      await expect(startLogsHost(platform, logsHost({ prefix, sandbox, logs: { destination: '/etc/hostname/sub/app.log' } }))).rejects.toThrow(
        'MonitoringModule: logs.destination /etc/hostname/sub/app.log cannot be opened for writing (ENOTDIR). Give a writable file path, or a stream.',
      );
      await expect(startLogsHost(platform, logsHost({ prefix, sandbox, async: true, logs: { secrets: [env('AIWIRE_LOGS_E2E_UNSET')] } }))).rejects.toThrow(
        "MonitoringModule: logs.secrets names env('AIWIRE_LOGS_E2E_UNSET'), which is not set, so its value could not be censored. Set AIWIRE_LOGS_E2E_UNSET, or remove it from logs.secrets.",
      );
    } finally {
      await deleteKeys(prefix);
    }
  });

  describe('logs off', () => {
    let app: INestApplication;
    let url: string;
    const prefix = uniquePrefix(`logs-off-${platform}`);
    beforeAll(async () => {
      ({ app, url } = await startLogsHost(platform, logsHost({ prefix, sandbox })));
    });
    afterAll(async () => {
      await app?.close();
      await deleteKeys(prefix);
    });

    it('LoggingInterceptor still echoes the request id and runs the work under it, and nothing is logged', async () => {
      const seen: (string | undefined)[] = [];
      const listener = (): void => void seen.push(currentCorrelation()?.correlationId);
      const aiRequests = createChannel<AiRequestMessage>('aiwire:ai:request');
      aiRequests.subscribe(listener);
      try {
        const before = out.lines.length;
        const response = await request(url).get('/orders/51').set('x-request-id', `off-${platform}`);
        expect(response.status).toBe(200);
        expect(response.headers['x-request-id']).toBe(`off-${platform}`);
        expect(seen).toEqual([`off-${platform}`]);
        expect(app.get(MONITORING_LOGGER)).toBeUndefined();
        expect(out.json().slice(before).filter((l) => l.event !== undefined)).toEqual([]);
      } finally {
        aiRequests.unsubscribe(listener);
      }
    });
  });
});
