import request from 'supertest';
import { Module, type Type } from '@nestjs/common';
import { WebhookConfigurationError, WebhookModule, type WebhookModuleOptions } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS, startApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { SECRETS } from './webhook-fixtures.js';

type Registration = 'forRoot' | 'forRootAsync';

function appWith(allowIps: readonly string[], registration: Registration, prefix: string): Type<unknown> {
  const options: WebhookModuleOptions = {
    redis: { url: REDIS_URL },
    keyPrefix: prefix,
    queue: { prefix },
    workers: false,
    sources: { partner: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], allowIps } },
  };
  @Module({
    imports: [registration === 'forRoot' ? WebhookModule.forRoot(options) : WebhookModule.forRootAsync({ useFactory: async () => options })],
  })
  class AppModule {}
  return AppModule;
}

// "10.0.0.1/" was read as 10.0.0.1/0 and let every caller in; the app must not start with it.
describe.each(PLATFORMS.flatMap((platform) => (['forRoot', 'forRootAsync'] as const).map((r) => [platform, r] as const)))(
  'a malformed allowIps entry on %s with %s',
  (platform, registration) => {
    const prefix = uniquePrefix(`allow-ips-${platform}-${registration}`);
    afterAll(() => deleteKeys(prefix));

    it.each(['10.0.0.1/', '10.0.0.0/8/junk', '10.0.0.0/0x8', '10.0.0.0/1e1', '::ffff:10.0.0.0/8'])('%j stops the app from starting', async (entry) => {
      const boot = startApp(platform, appWith(['192.0.2.0/24', entry], registration, prefix));
      await expect(boot).rejects.toThrow(WebhookConfigurationError);
      await expect(boot).rejects.toThrow(`Webhook source "partner": allowIps[1] ${JSON.stringify(entry)}`);
    });

    it('starts with the entry the message suggests, which keeps a loopback caller out', async () => {
      const refusal = await startApp(platform, appWith(['10.0.0.1/'], registration, prefix)).catch((error: Error) => error);
      const suggested = /write "([^"]+)"/.exec(String(refusal))?.[1];
      expect(suggested).toBe('10.0.0.1');
      const running = await startApp(platform, appWith([suggested!], registration, prefix));
      try {
        const body = { id: `evt_allow_${platform}_${registration}`, event_type: 'ticket.created' };
        const res = await request(running.url).post('/webhooks/partner').set(signWebhook('hmac-sha256', SECRETS.helpdesk, body)).send(JSON.stringify(body));
        expect(res.status).toBe(403);
      } finally {
        await running.close();
      }
    });
  },
);
