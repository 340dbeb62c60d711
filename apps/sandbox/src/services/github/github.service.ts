import { nowSeconds, uuid } from '../../http/ids.js';
import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Reply, SandboxService } from '../../http/route.js';
import { FixedWindowLimiter } from '../../limits/fixed-window.js';
import { buildWebhook } from '../../webhooks/webhook-envelope.js';
import type { ServiceContext } from '../service-context.js';
import { githubError, githubFailure, notFound, rateLimitExceeded, validationFailed } from './github.errors.js';
import type { GitHubHookRecord, GitHubState } from './github.state.js';

const TOKEN = 'github.token';

/** Repository webhooks of the GitHub REST API; a new hook is pinged like GitHub does. */
export function createGitHubService(sc: ServiceContext): SandboxService {
  const state = sc.state.github;
  const limiter = new FixedWindowLimiter(sc.limits.githubPerHour ?? 5000, 3_600_000);
  const repoOr404 = (ctx: RequestContext, then: (owner: string, repo: string) => Reply): Reply => {
    const { owner = '', repo = '' } = ctx.params;
    return state.hasRepo(owner, repo) ? then(owner, repo) : notFound();
  };
  const hookOr404 = (ctx: RequestContext, then: (record: GitHubHookRecord) => Reply): Reply =>
    repoOr404(ctx, (owner, repo) => {
      const record = state.hooks.get(Number(ctx.params.id));
      return record && record.repo === `${owner}/${repo}`.toLowerCase() ? then(record) : notFound();
    });
  const ping = (record: GitHubHookRecord) => {
    if (!record.hook.active) return;
    const payload = { zen: 'Keep it logically awesome.', hook_id: record.hook.id, hook: record.hook, repository: { full_name: record.repo }, sender: { login: 'aiwire-sandbox', id: 1, type: 'User' } };
    void sc.outbound.deliver('github', record.hook.config.url, 'ping', () => signed(record, 'ping', payload));
  };

  return {
    name: 'github',
    prefixes: ['/repos/'],
    routes: [
      { method: 'GET', pattern: '/repos/:owner/:repo/hooks', handler: (ctx) => repoOr404(ctx, (o, r) => ({ status: 200, body: state.hooksOf(o, r).map((h) => h.hook) })) },
      {
        method: 'POST',
        pattern: '/repos/:owner/:repo/hooks',
        handler: (ctx) =>
          repoOr404(ctx, (owner, repo) => {
            const created = createHook(sc, state, ctx, owner, repo);
            if ('reply' in created) return created.reply;
            ping(created.record);
            return { status: 201, body: created.record.hook, headers: { Location: created.record.hook.url } };
          }),
      },
      { method: 'GET', pattern: '/repos/:owner/:repo/hooks/:id', handler: (ctx) => hookOr404(ctx, (r) => ({ status: 200, body: r.hook })) },
      { method: 'PATCH', pattern: '/repos/:owner/:repo/hooks/:id', handler: (ctx) => hookOr404(ctx, (r) => updateHook(state, ctx, r)) },
      {
        method: 'DELETE',
        pattern: '/repos/:owner/:repo/hooks/:id',
        handler: (ctx) =>
          hookOr404(ctx, (r) => {
            state.hooks.delete(r.hook.id);
            return { status: 204 };
          }),
      },
      {
        method: 'POST',
        pattern: '/repos/:owner/:repo/hooks/:id/pings',
        handler: (ctx) =>
          hookOr404(ctx, (r) => {
            ping(r);
            return { status: 204 };
          }),
      },
    ],
    before(ctx) {
      const token = /^(?:bearer|token)\s+(.+)$/i.exec(ctx.header('authorization') ?? '')?.[1];
      if (!token) return githubError(401, 'Requires authentication');
      if (token !== sc.credentials.githubToken) return githubError(401, 'Bad credentials');
      ctx.locals.set(TOKEN, token);
      return limiter.hit(token).allowed ? undefined : rateLimitExceeded();
    },
    decorate(ctx, reply) {
      const token = ctx.locals.get(TOKEN) as string | undefined;
      const window = token ? limiter.peek(token) : undefined;
      reply.headers = {
        'X-GitHub-Request-Id': uuid().toUpperCase().slice(0, 23),
        'X-GitHub-Api-Version-Selected': '2022-11-28',
        ...(window && {
          'X-RateLimit-Limit': String(limiter.limit),
          'X-RateLimit-Remaining': String(window.remaining),
          'X-RateLimit-Reset': String(Math.ceil(window.resetAt / 1000)),
          'X-RateLimit-Used': String(limiter.limit - window.remaining),
          'X-RateLimit-Resource': 'core',
        }),
        ...reply.headers,
      };
    },
    notFound: () => notFound(),
    failure: (status) => {
      const reply = githubFailure(status);
      if (status === 403) reply.headers = { ...reply.headers, 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(nowSeconds() + 60) };
      return reply;
    },
  };
}

function createHook(sc: ServiceContext, state: GitHubState, ctx: RequestContext, owner: string, repo: string): { record: GitHubHookRecord } | { reply: Reply } {
  const parsed = ctx.json();
  if (!parsed.ok || !isRecord(parsed.value)) return { reply: githubError(400, 'Problems parsing JSON') };
  const { name = 'web', active = true, events = ['push'], config } = parsed.value;
  if (name !== 'web') return { reply: validationFailed({ field: 'name', message: 'Name must be "web"' }) };
  if (!isRecord(config) || typeof config.url !== 'string' || config.url === '') return { reply: validationFailed({ field: 'config', message: 'Config must contain url' }) };
  if (!Array.isArray(events) || events.some((e) => typeof e !== 'string')) return { reply: validationFailed({ field: 'events', message: 'Events must be a list of event names' }) };
  if (state.hooksOf(owner, repo).some((h) => h.hook.config.url === config.url)) {
    return { reply: validationFailed({ message: 'Hook already exists on this repository' }) };
  }
  const contentType = config.content_type === 'json' ? 'json' : 'form';
  const record = state.createHook(sc.origin(), owner, repo, {
    active: active !== false,
    events: events as string[],
    config: { url: config.url, content_type: contentType, insecure_ssl: String(config.insecure_ssl ?? '0') === '1' ? '1' : '0' },
    ...(typeof config.secret === 'string' && config.secret !== '' && { secret: config.secret }),
  });
  return { record };
}

/** PATCH …/hooks/:id with `{ active?, events?, add_events?, remove_events?, config? }`, as GitHub edits a hook. */
function updateHook(state: GitHubState, ctx: RequestContext, record: GitHubHookRecord): Reply {
  const parsed = ctx.json();
  if (!parsed.ok || !isRecord(parsed.value)) return githubError(400, 'Problems parsing JSON');
  const { active, events, add_events: add, remove_events: remove, config } = parsed.value;
  const lists = [events, add, remove].filter((l) => l !== undefined);
  if (lists.some((l) => !Array.isArray(l) || l.some((e) => typeof e !== 'string'))) return validationFailed({ field: 'events', message: 'Events must be a list of event names' });
  if (config !== undefined && (!isRecord(config) || (config.url !== undefined && (typeof config.url !== 'string' || config.url === '')))) {
    return validationFailed({ field: 'config', message: 'Config must contain url' });
  }
  if (isRecord(config) && typeof config.url === 'string' && config.url !== record.hook.config.url && state.hooksOf(...(record.repo.split('/') as [string, string])).some((h) => h.hook.config.url === config.url)) {
    return validationFailed({ message: 'Hook already exists on this repository' });
  }
  let next = Array.isArray(events) ? (events as string[]) : [...record.hook.events];
  if (Array.isArray(add)) next = [...new Set([...next, ...(add as string[])])];
  if (Array.isArray(remove)) next = next.filter((e) => !(remove as string[]).includes(e));
  const cfg = isRecord(config) ? config : {};
  const updated = state.updateHook(record.hook.id, {
    ...(typeof active === 'boolean' && { active }),
    events: next,
    config: {
      ...(typeof cfg.url === 'string' && { url: cfg.url }),
      ...((cfg.content_type === 'json' || cfg.content_type === 'form') && { content_type: cfg.content_type }),
      ...(cfg.insecure_ssl !== undefined && { insecure_ssl: String(cfg.insecure_ssl) === '1' ? '1' : '0' }),
    },
    ...(typeof cfg.secret === 'string' && cfg.secret !== '' && { secret: cfg.secret }),
  });
  return updated ? { status: 200, body: updated.hook } : notFound();
}

/** A hook delivery; GitHub signs only when the hook has a secret. */
export function signed(record: GitHubHookRecord, type: string, payload: object) {
  const options = { contentType: record.hook.config.content_type, hookId: record.hook.id };
  const event = { type, payload };
  if (record.secret) return buildWebhook('github', event, record.secret, options);
  const unsigned = buildWebhook('github', event, 'unsigned', options);
  const headers = Object.fromEntries(Object.entries(unsigned.headers).filter(([k]) => !k.startsWith('x-hub-signature')));
  return { ...unsigned, headers };
}
