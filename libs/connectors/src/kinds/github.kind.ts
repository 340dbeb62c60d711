import { randomBytes } from 'node:crypto';
import { GitHubConnector } from '../connectors/github.connector.js';
import { messages } from '../connectors.messages.js';
import { failedBody, genericDialect, isRecord, providerError, str } from '../dialects/generic.dialect.js';
import type { ProviderDialect } from '../dialects/provider-dialect.interface.js';
import type { WebhookRegistration } from '../interfaces/webhook-subscription.interface.js';
import { missingTopics, union, type RegistrationContext } from '../webhooks/registration-context.js';
import type { ConnectorKindDescriptor } from './connector-kind.interface.js';

/** `X-GitHub-Api-Version` when the connector's `apiVersion` is not set. */
export const GITHUB_API_VERSION = '2022-11-28';

/** GitHub REST: `{ message, errors? }`; a spent primary limit is a 403 with `X-RateLimit-Remaining: 0`, retried after `X-RateLimit-Reset`. */
export const githubDialect: ProviderDialect = {
  ...genericDialect,
  service: 'github',
  error(res) {
    const body = failedBody(res);
    if (!body) return undefined;
    const first = Array.isArray(body.errors) && isRecord(body.errors[0]) ? body.errors[0] : undefined;
    return providerError(str(first?.code), [str(body.message), str(first?.message)].filter(Boolean).join(': '));
  },
  shouldRetry(res) {
    if (res.status === 403 && (res.headers['x-ratelimit-remaining'] === '0' || res.headers['retry-after'] !== undefined)) return true;
    return undefined;
  },
  requestId: (res) => res.headers['x-github-request-id'],
};

/**
 * One active GitHub repository hook for the URL with every event. GitHub never shows a hook's
 * secret, so the secret is ours: the configured one, or one generated and kept in Redis; a hook
 * whose secret we do not know gets a new one. The secret is redacted from everything the connector
 * reports before it is sent (a provider may echo the hook's config in an error).
 */
async function ensureGitHubHook(github: GitHubConnector, ctx: RegistrationContext): Promise<WebhookRegistration> {
  const { url, topics, secrets, subscription } = ctx;
  const repository = subscription.repository ?? '';
  const known = <T extends string | undefined>(secret: T): T => {
    ctx.redact(secret);
    return secret;
  };
  const configured = subscription.secret === undefined ? undefined : known(await ctx.resolver.resolve(subscription.secret));
  const fresh = (): string => known(randomBytes(32).toString('hex'));
  const secretId = (hookId: number) => `${repository.toLowerCase()}:${hookId}`;
  const config = (secret: string) => ({ url, content_type: 'json' as const, secret, insecure_ssl: '0' as const });
  const result = (id: number, events: readonly string[], changed: boolean, secret: string): WebhookRegistration => ({
    connector: github.name, provider: 'github', url, topics: events, ids: [String(id)], changed, secret,
  });

  const existing = (await github.listHooks(repository)).find((h) => h.config.url === url);
  if (!existing) {
    const secret = configured ?? fresh();
    const hook = await github.createHook(repository, { events: topics, active: true, config: config(secret) });
    await secrets.save(github.name, secretId(hook.id), secret);
    return result(hook.id, hook.events, true, secret);
  }
  const stored = known(await secrets.read(github.name, secretId(existing.id)));
  const secret = configured ?? stored ?? fresh();
  const needsUpdate = missingTopics(existing.events, topics).length > 0 || !existing.active || secret !== stored;
  if (!needsUpdate) return result(existing.id, existing.events, false, secret);
  const hook = await github.updateHook(repository, existing.id, { events: union(existing.events, topics), active: true, config: config(secret) });
  await secrets.save(github.name, secretId(existing.id), secret);
  return result(existing.id, hook.events, true, secret);
}

/** The GitHub REST API at api.github.com (Enterprise Server: `https://HOST/api/v3`), repository webhooks. */
export const githubKind: ConnectorKindDescriptor<'github', GitHubConnector> = {
  kind: 'github',
  defaultBaseUrl: () => 'https://api.github.com',
  // Octokit: "https://api.github.com", GitHub Enterprise Server "https://{host}/api/v3".
  baseUrlRule(path, url) {
    if (url.hostname === 'github.com' || url.hostname === 'www.github.com') return { why: "is GitHub's website, not its API", write: '"https://api.github.com" (GitHub Enterprise Server: "https://HOST/api/v3")' };
    if (url.hostname === 'api.github.com' && path !== '') return { why: 'has a path, but api.github.com serves the REST API at its root', write: '"https://api.github.com"' };
    return { prefix: path };
  },
  headers: (options) => ({ accept: 'application/vnd.github+json', 'x-github-api-version': options.apiVersion ?? GITHUB_API_VERSION }),
  dialect: githubDialect,
  create: (name, http) => new GitHubConnector(name, http),
  webhooks: {
    check: (subscription) => (subscription.repository ? undefined : messages.webhookNoRepository(subscription.connector)),
    ensure: ensureGitHubHook,
  },
};
