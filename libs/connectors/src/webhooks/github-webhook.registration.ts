import { randomBytes } from 'node:crypto';
import type { GitHubConnector } from '../connectors/github.connector.js';
import type { WebhookRegistration } from '../interfaces/webhook-subscription.interface.js';
import { missingTopics, union, type RegistrationContext } from './registration-context.js';

/**
 * One active GitHub repository hook for the URL with every event. GitHub never shows a hook's
 * secret, so the secret is ours: the configured one, or one generated and kept in Redis; a hook
 * whose secret we do not know gets a new one.
 */
export async function ensureGitHubHook(github: GitHubConnector, ctx: RegistrationContext, repository: string): Promise<WebhookRegistration> {
  const { url, topics, secrets, subscription } = ctx;
  const configured = subscription.secret === undefined ? undefined : await ctx.resolver.resolve(subscription.secret);
  const secretId = (hookId: number) => `${repository.toLowerCase()}:${hookId}`;
  const config = (secret: string) => ({ url, content_type: 'json' as const, secret, insecure_ssl: '0' as const });
  const result = (id: number, events: readonly string[], changed: boolean, secret: string): WebhookRegistration => ({
    connector: github.name, provider: 'github', url, topics: events, ids: [String(id)], changed, secret,
  });

  const existing = (await github.listHooks(repository)).find((h) => h.config.url === url);
  if (!existing) {
    const secret = configured ?? randomBytes(32).toString('hex');
    const hook = await github.createHook(repository, { events: topics, active: true, config: config(secret) });
    await secrets.save(github.name, secretId(hook.id), secret);
    return result(hook.id, hook.events, true, secret);
  }
  const stored = await secrets.read(github.name, secretId(existing.id));
  const secret = configured ?? stored ?? randomBytes(32).toString('hex');
  const needsUpdate = missingTopics(existing.events, topics).length > 0 || !existing.active || secret !== stored;
  if (!needsUpdate) return result(existing.id, existing.events, false, secret);
  const hook = await github.updateHook(repository, existing.id, { events: union(existing.events, topics), active: true, config: config(secret) });
  await secrets.save(github.name, secretId(existing.id), secret);
  return result(existing.id, hook.events, true, secret);
}
