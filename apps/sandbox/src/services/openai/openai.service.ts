import { setTimeout as sleep } from 'node:timers/promises';
import { base62 } from '../../http/ids.js';
import type { RequestContext } from '../../http/request-context.js';
import type { Reply, SandboxService } from '../../http/route.js';
import { answer } from '../llm/llm-answer.js';
import { LlmQuota } from '../llm/llm-quota.js';
import { countTokens, promptTokens } from '../llm/llm-tokens.js';
import { formatGoDuration } from '../llm/go-duration.js';
import type { ServiceContext } from '../service-context.js';
import { parseChatCall, type ChatCall } from './openai-chat.js';
import { insufficientQuota, invalidApiKey, missingApiKey, modelNotFound, openAiFailure, rateLimitExceeded, unknownUrl } from './openai.errors.js';

const KEY = 'openai.key';
const STARTED = 'openai.started';
/** Dated snapshots the API reports in `model` for an alias, as OpenAI does. */
const SNAPSHOTS: Record<string, string> = { 'gpt-4o-mini': 'gpt-4o-mini-2024-07-18', 'gpt-4o': 'gpt-4o-2024-08-06' };

/** OpenAI Chat Completions and Models, with API-key auth and an RPM/TPM limiter per key. */
export function createOpenAiService(sc: ServiceContext): SandboxService {
  const state = sc.state.openai;
  const rpm = sc.limits.openai?.rpm ?? 10_000;
  const tpm = sc.limits.openai?.tpm ?? 2_000_000;
  const quota = new LlmQuota({ requests: rpm, tokens: tpm });

  const complete = async (ctx: RequestContext): Promise<Reply> => {
    const call = parseChatCall(ctx);
    if ('status' in call) return call;
    if (!state.models.has(call.model)) return modelNotFound(call.model);
    const key = ctx.locals.get(KEY) as string;
    const prompt = promptTokens(call.texts);
    // Without a max, the request may generate the model's longest answer: that is what is charged.
    const maxTokens = call.maxTokens ?? state.maxOutputTokens;
    const reserved = prompt + maxTokens;
    const admission = quota.admit(key, { requests: 1, tokens: reserved });
    if (!admission.ok) {
      const limit = admission.limit === 'requests' ? 'requests' : 'tokens';
      return record(call, rateLimitExceeded(call.model, limit, admission.state, limit === 'requests' ? 1 : reserved, admission.retryAfterMs));
    }
    const schema = call.schema ?? (call.jsonObject ? { type: 'object', properties: { echo: { const: call.lastUserText } } } : undefined);
    const out = answer(call.lastUserText, maxTokens, schema, state.answers.take());
    const completion = countTokens(out.text);
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    // Tokens are admitted on prompt + max tokens; the unused part of max tokens comes back.
    quota.settle(key, 'tokens', maxTokens - completion);
    return record(call, { status: 200, body: completionBody(call, out.text, out.truncated, prompt, completion) });
  };

  const record = (call: ChatCall, reply: Reply): Reply => {
    state.completions.push({ model: call.model, body: call.body, status: reply.status, at: Date.now() });
    return reply;
  };

  const modelObject = (id: string) => ({ id, object: 'model', created: 1_721_172_741, owned_by: 'system' });

  return {
    name: 'openai',
    prefixes: ['/v1/chat/', '/v1/models'],
    routes: [
      { method: 'POST', pattern: '/v1/chat/completions', handler: complete },
      { method: 'GET', pattern: '/v1/models', handler: () => ({ status: 200, body: { object: 'list', data: [...state.models].map(modelObject) } }) },
      {
        method: 'GET',
        pattern: '/v1/models/:model',
        handler: (ctx) => (state.models.has(ctx.params.model ?? '') ? { status: 200, body: modelObject(ctx.params.model ?? '') } : modelNotFound(ctx.params.model ?? '')),
      },
    ],
    before(ctx) {
      ctx.locals.set(STARTED, Date.now());
      const key = ctx.bearer();
      if (!key) return missingApiKey();
      if (key !== sc.credentials.openaiApiKey) return invalidApiKey(key);
      ctx.locals.set(KEY, key);
      if (state.quotaExhausted) return insufficientQuota();
      return undefined;
    },
    decorate(ctx, reply) {
      const key = ctx.locals.get(KEY) as string | undefined;
      const started = (ctx.locals.get(STARTED) as number | undefined) ?? Date.now();
      const headers: Record<string, string> = {
        'x-request-id': `req_${base62(32).toLowerCase()}`,
        'openai-organization': 'org-sandbox',
        'openai-processing-ms': String(Date.now() - started),
        'openai-version': '2020-10-01',
      };
      if (key) {
        for (const [name, limit] of [['requests', 'requests'], ['tokens', 'tokens']] as const) {
          const s = quota.state(key, limit);
          if (!s) continue;
          headers[`x-ratelimit-limit-${name}`] = String(s.limit);
          headers[`x-ratelimit-remaining-${name}`] = String(s.remaining);
          headers[`x-ratelimit-reset-${name}`] = formatGoDuration(s.resetMs);
        }
      }
      reply.headers = { ...headers, ...reply.headers };
    },
    notFound: (ctx) => unknownUrl(ctx.method, ctx.url.pathname),
    failure: (status) => openAiFailure(status),
  };
}

function completionBody(call: ChatCall, content: string, truncated: boolean, prompt: number, completion: number): Record<string, unknown> {
  return {
    id: `chatcmpl-${base62(29)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: SNAPSHOTS[call.model] ?? call.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: truncated ? 'length' : 'stop' }],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_sandbox01',
  };
}
