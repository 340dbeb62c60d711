import { prefixedId } from '../../http/ids.js';
import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Reply, SandboxService } from '../../http/route.js';
import { FixedWindowLimiter } from '../../limits/fixed-window.js';
import type { ServiceContext } from '../service-context.js';
import { listConversations } from './slack-conversations.js';
import { rateLimited, slackError, stringArg } from './slack.replies.js';
import type { SlackChannel, SlackState } from './slack.state.js';

type Args = Record<string, unknown>;
type SlackMethod = 'chat.postMessage' | 'conversations.list' | 'auth.test';
const PER_MINUTE: Record<SlackMethod, number> = { 'chat.postMessage': 60, 'conversations.list': 20, 'auth.test': 100 };
const SCOPES = 'chat:write,channels:read,groups:read';

export function createSlackService(sc: ServiceContext): SandboxService {
  const state = sc.state.slack;
  const limiters = new Map<SlackMethod, FixedWindowLimiter>();
  const limiter = (method: SlackMethod) => {
    let l = limiters.get(method);
    if (!l) limiters.set(method, (l = new FixedWindowLimiter(sc.limits.slack?.[method] ?? PER_MINUTE[method], 60_000)));
    return l;
  };

  /** Reads arguments, checks the token and the method's rate limit, then runs `body`. */
  const method = (name: SlackMethod, body: (args: Args, ctx: RequestContext) => Reply) => (ctx: RequestContext): Reply => {
    const parsed = readArgs(ctx);
    if ('error' in parsed) return slackError(parsed.error);
    const token = ctx.bearer() ?? (parsed.json ? undefined : stringArg(parsed.args.token));
    if (!token) return slackError('not_authed');
    if (token !== sc.credentials.slackBotToken) return slackError('invalid_auth');
    const channelRef = stringArg(parsed.args.channel) ?? '';
    const channelKey = name === 'chat.postMessage' ? `:${state.findChannel(channelRef)?.id ?? channelRef}` : '';
    const hit = limiter(name).hit(`${name}${channelKey}`);
    if (!hit.allowed) return rateLimited(hit.resetAt);
    const reply = body(parsed.args, ctx);
    if (parsed.missingCharset && isRecord(reply.body) && reply.body.ok === true) {
      reply.body = { ...reply.body, warning: 'missing_charset', response_metadata: { ...(reply.body.response_metadata as Args), warnings: ['missing_charset'] } };
    }
    return reply;
  };

  return {
    name: 'slack',
    prefixes: ['/api/'],
    routes: [
      { method: 'POST', pattern: '/api/chat.postMessage', handler: method('chat.postMessage', (args) => postMessage(state, args)) },
      { method: 'POST', pattern: '/api/auth.test', handler: method('auth.test', () => authTest(state)) },
      { method: 'GET', pattern: '/api/auth.test', handler: method('auth.test', () => authTest(state)) },
      { method: 'GET', pattern: '/api/conversations.list', handler: method('conversations.list', (args) => listConversations(state, args)) },
      { method: 'POST', pattern: '/api/conversations.list', handler: method('conversations.list', (args) => listConversations(state, args)) },
    ],
    decorate(ctx, reply) {
      reply.headers = { 'X-Slack-Req-Id': prefixedId('', 32).toLowerCase(), 'X-OAuth-Scopes': SCOPES, ...reply.headers };
    },
    notFound: (ctx) => slackError('unknown_method', 404, { req_method: ctx.url.pathname.replace('/api/', '') }),
    failure(status) {
      if (status === 429) return rateLimited(Date.now() + 1000);
      const error = status === 503 ? 'service_unavailable' : status === 408 ? 'request_timeout' : status >= 500 ? 'internal_error' : 'fatal_error';
      return slackError(error, status);
    },
  };
}

function authTest(state: SlackState): Reply {
  const { team, bot } = state;
  return {
    status: 200,
    body: { ok: true, url: `https://${team.domain}.slack.com/`, team: team.name, user: bot.name, team_id: team.id, user_id: bot.userId, bot_id: bot.botId, is_enterprise_install: false },
  };
}

function postMessage(state: SlackState, args: Args): Reply {
  const ref = stringArg(args.channel);
  const channel: SlackChannel | undefined = ref ? state.findChannel(ref) : undefined;
  if (!channel) return slackError('channel_not_found');
  if (channel.is_archived) return slackError('is_archived');
  if (!channel.is_member) return slackError('not_in_channel');
  const blocks = jsonArg(args.blocks);
  const attachments = jsonArg(args.attachments);
  if (blocks === 'invalid' || attachments === 'invalid') return slackError(blocks === 'invalid' ? 'invalid_blocks_format' : 'invalid_attachments');
  const text = stringArg(args.text) ?? '';
  if (!text && !blocks?.length && !attachments?.length) return slackError('no_text');
  if (text.length > 40_000) return slackError('msg_too_long');
  const threadTs = stringArg(args.thread_ts);
  const message = state.post(channel, { text, ...(blocks && { blocks }), ...(attachments && { attachments }), ...(threadTs && { thread_ts: threadTs }) });
  const { channel: _channel, ...wire } = message;
  const { bot, team } = state;
  const botProfile = { id: bot.botId, app_id: bot.appId, name: bot.name, deleted: false, team_id: team.id, icons: {} };
  return { status: 200, body: { ok: true, channel: channel.id, ts: message.ts, message: { ...wire, bot_profile: botProfile } } };
}

type ParsedArgs = { args: Args; json: boolean; missingCharset: boolean } | { error: string };

/** Slack takes arguments as a query string, a form body, or a JSON body (token then only in the header). */
function readArgs(ctx: RequestContext): ParsedArgs {
  const args: Args = Object.fromEntries(ctx.query);
  if (ctx.method !== 'POST' || ctx.rawBody.length === 0) return { args, json: false, missingCharset: false };
  if (ctx.mediaType() === 'application/json') {
    const parsed = ctx.json();
    if (!parsed.ok || !isRecord(parsed.value)) return { error: 'invalid_json' };
    return { args: { ...args, ...parsed.value }, json: true, missingCharset: !/charset=/i.test(ctx.header('content-type') ?? '') };
  }
  return { args: { ...args, ...Object.fromEntries(ctx.form()) }, json: false, missingCharset: false };
}

/** Blocks and attachments arrive as arrays (JSON bodies) or JSON text (form bodies). */
function jsonArg(value: unknown): unknown[] | undefined | 'invalid' {
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return 'invalid';
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : 'invalid';
  } catch {
    return 'invalid';
  }
}
