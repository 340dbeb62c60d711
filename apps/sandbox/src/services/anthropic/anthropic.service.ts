import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { base62 } from '../../http/ids.js';
import type { RequestContext } from '../../http/request-context.js';
import type { Reply, SandboxService } from '../../http/route.js';
import { answer } from '../llm/llm-answer.js';
import { LlmQuota } from '../llm/llm-quota.js';
import { countTokens, promptTokens } from '../llm/llm-tokens.js';
import type { ServiceContext } from '../service-context.js';
import { parseMessagesCall, type MessagesCall } from './anthropic-messages.js';
import { anthropicFailure, creditBalanceTooLow, invalidApiKey, invalidRequest, missingApiKey, notFound, rateLimited, spendLimitReached } from './anthropic.errors.js';

const KEY = 'anthropic.key';
const LIMITS = [['requests', 'requests'], ['input-tokens', 'input_tokens'], ['output-tokens', 'output_tokens']] as const;

/** Anthropic Messages API with `x-api-key` auth and RPM / ITPM / OTPM limits per key. */
export function createAnthropicService(sc: ServiceContext): SandboxService {
  const state = sc.state.anthropic;
  const limits = {
    requests: sc.limits.anthropic?.rpm ?? 4_000,
    input_tokens: sc.limits.anthropic?.inputTpm ?? 2_000_000,
    output_tokens: sc.limits.anthropic?.outputTpm ?? 400_000,
  };
  const quota = new LlmQuota(limits);

  const create = async (ctx: RequestContext): Promise<Reply> => {
    const call = parseMessagesCall(ctx);
    if ('status' in call) return call;
    if (!state.models.has(call.model)) return record(call, notFound(`model: ${call.model}`));
    const key = ctx.locals.get(KEY) as string;
    const input = promptTokens(call.texts);
    const admission = quota.admit(key, { requests: 1, input_tokens: input, output_tokens: call.maxTokens });
    if (!admission.ok) return record(call, rateLimited(admission.limit, admission.state.limit, admission.retryAfterMs));
    const schema = call.forcedTool?.schema ?? call.outputSchema;
    const out = answer(call.lastUserText, call.maxTokens, schema, state.answers.take());
    const output = countTokens(out.text);
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    // Output tokens are admitted on max_tokens and corrected to what was really produced.
    quota.settle(key, 'output_tokens', call.maxTokens - output);
    return record(call, { status: 200, body: messageBody(call, out, input, output) });
  };

  const record = (call: MessagesCall, reply: Reply): Reply => {
    state.messages.push({ model: call.model, body: call.body, status: reply.status, at: Date.now() });
    return reply;
  };

  return {
    name: 'anthropic',
    prefixes: ['/v1/messages'],
    routes: [{ method: 'POST', pattern: '/v1/messages', handler: create }],
    before(ctx) {
      const key = ctx.header('x-api-key');
      if (!key) return missingApiKey();
      if (key !== sc.credentials.anthropicApiKey) return invalidApiKey();
      if (!ctx.header('anthropic-version')) return invalidRequest('anthropic-version: header is required');
      ctx.locals.set(KEY, key);
      if (state.spendLimitReached) return spendLimitReached();
      if (state.creditBalanceTooLow) return creditBalanceTooLow();
      return undefined;
    },
    decorate(ctx, reply) {
      const key = ctx.locals.get(KEY) as string | undefined;
      const headers: Record<string, string> = { 'request-id': `req_011C${base62(20)}`, 'anthropic-organization-id': randomUUID() };
      if (key) {
        let tightest: { remaining: number; limit: number; resetMs: number } | undefined;
        for (const [header, name] of LIMITS) {
          const s = quota.state(key, name);
          if (!s) continue;
          headers[`anthropic-ratelimit-${header}-limit`] = String(s.limit);
          headers[`anthropic-ratelimit-${header}-remaining`] = String(s.remaining);
          headers[`anthropic-ratelimit-${header}-reset`] = rfc3339(s.resetMs);
          if (name !== 'requests' && (!tightest || s.remaining < tightest.remaining)) tightest = s;
        }
        // `tokens-*` report the most restrictive token limit in effect.
        if (tightest) {
          headers['anthropic-ratelimit-tokens-limit'] = String(tightest.limit);
          headers['anthropic-ratelimit-tokens-remaining'] = String(tightest.remaining);
          headers['anthropic-ratelimit-tokens-reset'] = rfc3339(tightest.resetMs);
        }
      }
      reply.headers = { ...headers, ...reply.headers };
    },
    notFound: () => notFound('Not found'),
    failure: (status) => anthropicFailure(status),
  };
}

/** RFC 3339 in UTC with whole seconds, as Anthropic sends it (`2026-01-01T00:00:07Z`). */
function rfc3339(inMs: number): string {
  return new Date(Math.ceil((Date.now() + inMs) / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function messageBody(call: MessagesCall, out: { text: string; structured?: unknown; truncated: boolean }, input: number, output: number): Record<string, unknown> {
  const tool = call.forcedTool;
  const content = tool
    ? [{ type: 'tool_use', id: `toolu_01${base62(22)}`, name: tool.name, input: out.structured }]
    : [{ type: 'text', text: out.text }];
  return {
    id: `msg_01${base62(22)}`,
    type: 'message',
    role: 'assistant',
    model: call.model,
    content,
    stop_reason: tool ? 'tool_use' : out.truncated ? 'max_tokens' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: output, service_tier: 'standard' },
  };
}
