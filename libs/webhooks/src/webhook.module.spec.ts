import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bull';
import { WebhookModule } from './webhook.module.js';
import { WebhookAdminService } from './webhook-admin.service.js';
import { WebhookIntakeService } from './intake/webhook-intake.service.js';
import { WEBHOOK_QUEUE, WEBHOOK_QUEUE_NAME } from './webhook.constants.js';
import { REDIS_URL } from '../../../test/support/redis.js';

const forRoot = () =>
  WebhookModule.forRoot({ redis: { url: REDIS_URL, lazyConnect: true }, sources: { stripe: { scheme: 'stripe', secrets: ['whsec_x'] } }, workers: false, storeTimeoutMs: 1 });

describe('WebhookModule exports', () => {
  it('gives an importing module the admin service and the queue', async () => {
    @Injectable()
    class Consumer {
      constructor(
        readonly admin: WebhookAdminService,
        @Inject(WEBHOOK_QUEUE) readonly queue: unknown,
        @Inject(getQueueToken(WEBHOOK_QUEUE_NAME)) readonly named: unknown,
      ) {}
    }
    @Module({ imports: [forRoot()], providers: [Consumer] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const consumer = moduleRef.get(Consumer);
    expect(consumer.admin).toBeInstanceOf(WebhookAdminService);
    expect(consumer.named).toBe(consumer.queue);
    await moduleRef.close();
  });

  it('keeps the intake service to itself: deliveries come in over HTTP only', async () => {
    @Injectable()
    class Consumer {
      constructor(readonly intake: WebhookIntakeService) {}
    }
    @Module({ imports: [forRoot()], providers: [Consumer] })
    class AppModule {}
    await expect(Test.createTestingModule({ imports: [AppModule] }).compile()).rejects.toThrow(/can't resolve dependencies of the Consumer/);
  });
});
