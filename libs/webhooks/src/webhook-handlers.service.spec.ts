import { Injectable, Module, type OnModuleInit, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { OnWebhook } from './decorators/on-webhook.decorator.js';
import { WebhookModule } from './webhook.module.js';
import { WebhookRegistry } from './webhook.registry.js';
import { WebhookHandlers } from './webhook-handlers.service.js';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL } from '../../../test/support/redis.js';
import type { WebhookEvent } from './interfaces/webhook-event.interface.js';

const forRoot = () =>
  WebhookModule.forRoot({ redis: { url: REDIS_URL, lazyConnect: true }, sources: { helpdesk: { scheme: 'hmac-sha256', secrets: ['x'] } }, workers: false, storeTimeoutMs: 1 });

const event = (type: string): WebhookEvent => ({ id: 'e1', source: 'helpdesk', type, payload: { n: 1 }, headers: {}, receivedAt: '2026-01-01T00:00:00.000Z', attempt: 1 });

@Injectable()
class Decorated {
  @OnWebhook('other')
  async other(): Promise<void> {}
}

async function boot(register: (handlers: WebhookHandlers) => void, logger = new CapturingLogger(), providers: Type<unknown>[] = []) {
  // A consumer module that registers in onModuleInit, as the docs say: before the workers start.
  @Injectable()
  class Registrar implements OnModuleInit {
    constructor(private readonly handlers: WebhookHandlers) {}
    onModuleInit(): void {
      register(this.handlers);
    }
  }
  @Module({ imports: [forRoot()], providers: [Registrar, ...providers] })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).setLogger(logger).compile();
  return moduleRef;
}

describe('WebhookHandlers', () => {
  it('registers a handler that the registry matches and runs like an @OnWebhook one', async () => {
    const seen: string[] = [];
    const logger = new CapturingLogger();
    const moduleRef = await boot((handlers) =>
      handlers.register('flows:helpdesk', [{ type: 'ticket.*', options: { source: 'helpdesk' } }], async (e) => seen.push(e.type)),
    logger);
    await moduleRef.init();
    const registry = moduleRef.get(WebhookRegistry);
    expect(registry.match('helpdesk', 'ticket.created').map((m) => m.handler.id)).toEqual(['flows:helpdesk']);
    expect(registry.match('helpdesk', 'order.created')).toEqual([]);
    expect(registry.match('other-source', 'ticket.created')).toEqual([]);
    await registry.get('flows:helpdesk')!.invoke(event('ticket.created'));
    expect(seen).toEqual(['ticket.created']);
    // Registered before the workers start: the module does not warn that nothing handles webhooks.
    expect(logger.text()).not.toContain('No @OnWebhook handler is registered');
    await moduleRef.close();
  });

  it('defaults the options of a subscription to every source', async () => {
    const moduleRef = await boot((handlers) => handlers.register('any', [{ type: '*' }], async () => undefined));
    await moduleRef.init();
    expect(moduleRef.get(WebhookRegistry).match('elsewhere', 'x').map((m) => [m.handler.id, m.options])).toEqual([['any', {}]]);
    await moduleRef.close();
  });

  it('refuses, at startup, a source that is not configured', async () => {
    const moduleRef = await boot((handlers) => handlers.register('flows:helpdsk', [{ type: '*', options: { source: 'helpdsk' } }], async () => undefined));
    await expect(moduleRef.init()).rejects.toThrow('Webhook handler flows:helpdsk names source "helpdsk", which is not configured. Configured sources: helpdesk.');
    await moduleRef.close();
  });

  it('refuses an id that is taken, by another registration or by an @OnWebhook method', async () => {
    const twice = await boot((handlers) => {
      handlers.register('flows:x', [{ type: '*' }], async () => undefined);
      handlers.register('flows:x', [{ type: 'y' }], async () => undefined);
    });
    await expect(twice.init()).rejects.toThrow('A webhook handler with id "flows:x" is already registered.');
    await twice.close();
    const clash = await boot((handlers) => handlers.register('Decorated.other', [{ type: '*' }], async () => undefined), new CapturingLogger(), [Decorated]);
    // WebhookModule's hooks run before those of the module importing it: the @OnWebhook method took the id first.
    await expect(clash.init()).rejects.toThrow('A webhook handler with id "Decorated.other" is already registered.');
    await clash.close();
  });
});
