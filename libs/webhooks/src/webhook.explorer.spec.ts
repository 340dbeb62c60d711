import { Injectable, Module, Scope } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { OnWebhook } from './decorators/on-webhook.decorator.js';
import { WebhookModule } from './webhook.module.js';
import { WebhookRegistry } from './webhook.registry.js';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL } from '../../../test/support/redis.js';

const forRoot = () =>
  WebhookModule.forRoot({ redis: { url: REDIS_URL, lazyConnect: true }, sources: { stripe: { scheme: 'stripe', secrets: ['whsec_x'] } }, workers: false, storeTimeoutMs: 1 });

describe('WebhookExplorer', () => {
  it('refuses, at startup, a handler whose source is not configured', async () => {
    @Injectable()
    class Handlers {
      @OnWebhook('x', { source: 'strpe' })
      async x(): Promise<void> {}
    }
    @Module({ imports: [forRoot()], providers: [Handlers] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await expect(moduleRef.init()).rejects.toThrow('@OnWebhook on Handlers.x names source "strpe", which is not configured. Configured sources: stripe.');
    await moduleRef.close();
  });

  it('refuses a source named like an Object.prototype member (toString), which no options object configures', async () => {
    @Injectable()
    class Handlers {
      @OnWebhook('x', { source: 'toString' })
      async x(): Promise<void> {}
    }
    @Module({ imports: [forRoot()], providers: [Handlers] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await expect(moduleRef.init()).rejects.toThrow('@OnWebhook on Handlers.x names source "toString", which is not configured. Configured sources: stripe.');
    await moduleRef.close();
  });

  it('skips request-scoped providers with a warning, and registers the rest', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class Scoped {
      @OnWebhook('x')
      async x(): Promise<void> {}
    }
    @Injectable()
    class Plain {
      @OnWebhook('x')
      async y(): Promise<void> {}
    }
    @Module({ imports: [forRoot()], providers: [Scoped, Plain] })
    class AppModule {}
    const logs = new CapturingLogger();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).setLogger(logs).compile();
    await moduleRef.init();
    expect(moduleRef.get(WebhookRegistry).all().map((h) => h.id)).toEqual(['Plain.y']);
    expect(logs.text()).toContain('@OnWebhook on Scoped.x ignored: its provider is request-scoped');
    await moduleRef.close();
  });
});
