import type { AnthropicProviderOptions } from '../interfaces/provider-options.interface.js';
import { anthropicRateLimits } from '../limits/rate-limit-headers.js';
import type { AiProvider, ProviderCall, ProviderReply, ProviderServer } from './ai-provider.interface.js';
import { anthropicBody, readAnthropicReply } from './anthropic-wire.js';
import { postJson, serverOf, type HttpAnswer } from './http-transport.js';
import { isObject } from './openai-wire.js';
import { excerpt, providerError } from './provider-errors.js';
import { DEFAULT_PROVIDER_OPTIONS } from '../ai.options.js';

export const ANTHROPIC_BASE_URL = DEFAULT_PROVIDER_OPTIONS.anthropic.baseURL;
const D = DEFAULT_PROVIDER_OPTIONS.anthropic;
/** Texts Anthropic uses when the account, not the rate, is the problem (400 and 429 alike). */
const OUT_OF_MONEY = /credit balance|spend limit|usage limits|billing/i;

/** The Messages API over fetch. */
export class AnthropicProvider implements AiProvider {
  readonly kind = 'anthropic';
  readonly defaultModel: string;
  readonly server: ProviderServer;
  private readonly url: string;
  private readonly headers: Record<string, string>;
  /** The `max_tokens` sent when a call sets none, which is also the most the call can produce. */
  readonly reservedOutputTokens: number;
  private readonly structured: NonNullable<AnthropicProviderOptions['structuredOutput']>;

  constructor(
    readonly name: string,
    options: AnthropicProviderOptions,
  ) {
    const base = (options.baseURL ?? ANTHROPIC_BASE_URL).replace(/\/+$/, '');
    this.url = `${base}/v1/messages`;
    this.server = serverOf(base);
    this.defaultModel = options.model ?? D.model;
    this.reservedOutputTokens = options.maxTokens ?? D.maxTokens;
    this.structured = options.structuredOutput ?? D.structuredOutput;
    this.headers = {
      ...options.headers,
      'anthropic-version': options.version ?? D.version,
      ...(options.apiKey && { 'x-api-key': options.apiKey }),
    };
  }

  async complete(call: ProviderCall): Promise<ProviderReply> {
    const answer = await postJson(this.name, this.url, this.headers, anthropicBody(call, this.reservedOutputTokens, this.structured), call.signal, call.timeoutMs);
    const rateLimits = anthropicRateLimits(answer.headers);
    if (answer.status < 200 || answer.status >= 300) throw this.error(answer);
    return { ...readAnthropicReply(this.name, call, answer.json), ...(rateLimits && { rateLimits }) };
  }

  private error(answer: HttpAnswer): Error {
    const body = isObject(answer.json) && isObject(answer.json.error) ? answer.json.error : undefined;
    const type = typeof body?.type === 'string' ? body.type : undefined;
    const message = typeof body?.message === 'string' ? body.message : excerpt(answer.text);
    const details = isObject(body?.details) ? body.details : undefined;
    const code = typeof details?.error_code === 'string' ? details.error_code : undefined;
    const quotaExhausted =
      answer.status === 402 || type === 'billing_error' || /spend_limit/.test(code ?? '') || ((answer.status === 400 || answer.status === 429) && OUT_OF_MONEY.test(message));
    const rateLimits = anthropicRateLimits(answer.headers);
    return providerError({
      provider: this.name,
      status: answer.status,
      headers: answer.headers,
      type,
      code,
      message,
      quotaExhausted,
      ...(rateLimits && { rateLimits }),
    });
  }
}
