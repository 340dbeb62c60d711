import type { OpenAiProviderOptions } from '../interfaces/provider-options.interface.js';
import { openAiRateLimits } from '../limits/rate-limit-headers.js';
import type { AiProvider, ProviderCall, ProviderReply, ProviderServer } from './ai-provider.interface.js';
import { postJson, serverOf, type HttpAnswer } from './http-transport.js';
import { excerpt, providerError } from './provider-errors.js';
import { isObject, openAiBody, readOpenAiReply } from './openai-wire.js';
import { DEFAULT_PROVIDER_OPTIONS } from '../ai.options.js';

export const OPENAI_BASE_URL = DEFAULT_PROVIDER_OPTIONS.openai.baseURL;
const D = DEFAULT_PROVIDER_OPTIONS.openai;

/** Chat Completions over fetch: OpenAI and every server that speaks its API. */
export class OpenAiProvider implements AiProvider {
  readonly kind = 'openai';
  readonly defaultModel: string;
  readonly reservedOutputTokens: number;
  readonly server: ProviderServer;
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly maxTokensParam: NonNullable<OpenAiProviderOptions['maxTokensParam']>;

  constructor(
    readonly name: string,
    options: OpenAiProviderOptions,
  ) {
    const base = (options.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, '');
    this.url = `${base}/chat/completions`;
    this.defaultModel = options.model ?? D.model;
    this.reservedOutputTokens = options.reservedOutputTokens ?? D.reservedOutputTokens;
    this.server = serverOf(base);
    this.maxTokensParam = options.maxTokensParam ?? (base === OPENAI_BASE_URL ? 'max_completion_tokens' : 'max_tokens');
    this.headers = {
      ...options.headers,
      ...(options.apiKey && { authorization: `Bearer ${options.apiKey}` }),
      ...(options.organization && { 'openai-organization': options.organization }),
    };
  }

  async complete(call: ProviderCall): Promise<ProviderReply> {
    const answer = await postJson(this.name, this.url, this.headers, openAiBody(call, this.maxTokensParam), call.signal, call.timeoutMs);
    const rateLimits = openAiRateLimits(answer.headers);
    if (answer.status < 200 || answer.status >= 300) throw this.error(answer);
    return { ...readOpenAiReply(this.name, call, answer.json), ...(rateLimits && { rateLimits }) };
  }

  private error(answer: HttpAnswer): Error {
    const body = isObject(answer.json) && isObject(answer.json.error) ? answer.json.error : undefined;
    const type = typeof body?.type === 'string' ? body.type : undefined;
    const code = typeof body?.code === 'string' ? body.code : undefined;
    const message = typeof body?.message === 'string' ? body.message : excerpt(answer.text);
    const rateLimits = openAiRateLimits(answer.headers);
    return providerError({
      provider: this.name,
      status: answer.status,
      headers: answer.headers,
      type,
      code,
      message,
      // OpenAI sends 429 for both "slow down" and "out of money"; only the code tells them apart.
      quotaExhausted: code === 'insufficient_quota' || type === 'insufficient_quota',
      ...(rateLimits && { rateLimits }),
    });
  }
}
