import request from 'supertest';
import { Injectable, Module, UnauthorizedException, type CanActivate, type DynamicModule, type ExecutionContext, type Type } from '@nestjs/common';
import { OnWebhook, WebhookModule, type WebhookEvent, type WebhookModuleOptions } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { REDIS_URL } from '../../../test/support/redis.js';

export const SECRETS = { billing: 'admin-e2e-billing-secret', helpdesk: 'admin-e2e-helpdesk-secret' } as const;
export const ADMIN = { user: 'ops', password: 'correct horse battery staple' } as const;
/** The environment variable `env()` names for the admin password in these tests. */
export const PASSWORD_VARIABLE = 'AIWIRE_E2E_ADMIN_PASSWORD';

/** Every execution a handler saw, and which handlers fail for now. */
export interface HandlerLog {
  readonly runs: { handler: string; eventId: string; attempt: number }[];
  readonly failing: Set<string>;
}

export function handlerLog(): HandlerLog {
  return { runs: [], failing: new Set() };
}

/** `Billing.onFailed` and `Tickets.onCreated` fail while named in `log.failing`; `Billing.audit` never does. */
export function handlers(log: HandlerLog): Type<unknown>[] {
  const run = (handler: string, event: WebhookEvent) => {
    log.runs.push({ handler, eventId: event.id, attempt: event.attempt });
    if (log.failing.has(handler)) throw new Error(`${handler} failed on purpose`);
  };

  @Injectable()
  class Billing {
    @OnWebhook('payment.failed', { attempts: 1 })
    async onFailed(event: WebhookEvent): Promise<void> { run('Billing.onFailed', event); }

    @OnWebhook('payment.failed')
    async audit(event: WebhookEvent): Promise<void> { run('Billing.audit', event); }
  }

  @Injectable()
  class Tickets {
    @OnWebhook('ticket.created', { attempts: 1 })
    async onCreated(event: WebhookEvent): Promise<void> { run('Tickets.onCreated', event); }
  }
  return [Billing, Tickets];
}

export function webhookModule(prefix: string, extra: Partial<WebhookModuleOptions> = {}): DynamicModule {
  return WebhookModule.forRoot({
    redis: { url: REDIS_URL },
    keyPrefix: prefix,
    queue: { prefix },
    sources: {
      billing: { scheme: 'hmac-sha256', secrets: [SECRETS.billing], header: 'x-signature' },
      helpdesk: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], header: 'x-signature' },
    },
    ...extra,
  });
}

export function hostModule(imports: Array<Type<unknown> | DynamicModule>, providers: Type<unknown>[] = []): Type<unknown> {
  @Module({ imports, providers })
  class AppModule {}
  return AppModule;
}

/** Sends one signed delivery; answers 202. */
export async function deliver(url: string, source: keyof typeof SECRETS, type: string, id: string): Promise<void> {
  const body = { id, event_type: type };
  const res = await request(url).post(`/webhooks/${source}`).set(signWebhook('hmac-sha256', SECRETS[source], body)).send(JSON.stringify(body));
  if (res.status !== 202) throw new Error(`delivery ${id} answered ${res.status}: ${res.text}`);
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A host service the host guard depends on: the guard comes from the app's own providers. */
@Injectable()
export class AdminKeys {
  readonly accepted = new Set(['key-of-the-ops-team']);
}

/** A host guard: lets through requests with an accepted `x-admin-key`; `expired` gets its own 401, `broken` makes it throw. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(private readonly keys: AdminKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const key = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['x-admin-key'];
    if (key === 'expired') throw new UnauthorizedException('Your admin key expired: ask for a new one');
    if (key === 'broken') throw new Error('the key store is unreachable at 10.0.0.7');
    return key !== undefined && this.keys.accepted.has(key);
  }
}

/** A host guard the app does not register as a provider: monitoring instantiates it. */
export class TeamHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['x-team'] === 'ops';
  }
}
