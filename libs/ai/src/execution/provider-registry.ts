import { Logger } from '@nestjs/common';
import { CircuitBreaker } from '@aiwire/core';
import { AiConfigurationError } from '../errors/ai-configuration.error.js';
import type { ProviderFailure } from '../interfaces/chat.interface.js';
import type { ProviderOptions } from '../interfaces/provider-options.interface.js';
import type { AiProvider } from '../providers/ai-provider.interface.js';
import { ANTHROPIC_BASE_URL, AnthropicProvider } from '../providers/anthropic.provider.js';
import { LocalProvider } from '../providers/local/local.provider.js';
import { OPENAI_BASE_URL, OpenAiProvider } from '../providers/openai.provider.js';
import { messages } from '../ai.messages.js';
import type { ResolvedAiOptions } from '../ai.options.js';
import { judge } from './retry-policy.js';

export interface ProviderEntry {
  readonly provider: AiProvider;
  readonly breaker: CircuitBreaker;
}

/** The configured providers: the usable ones, the skipped ones (and why), and the chain for a call. */
export class ProviderRegistry {
  private readonly logger = new Logger(ProviderRegistry.name);
  private readonly usable = new Map<string, ProviderEntry>();
  private readonly skipped = new Map<string, string>();
  /** Set when no provider was usable and the embedded one was added. */
  private readonly implicitLocal: string | undefined;
  readonly defaultProvider: string;

  constructor(private readonly options: ResolvedAiOptions) {
    for (const [name, provider] of Object.entries(options.providers)) {
      const why = unusable(provider);
      if (why) {
        this.skipped.set(name, why);
        this.logger.warn(messages.providerSkipped(name, why));
      } else {
        this.usable.set(name, this.entry(create(name, provider)));
      }
    }
    if (this.usable.size === 0) {
      this.implicitLocal = 'local';
      this.usable.set('local', this.entry(new LocalProvider('local')));
      this.logger.warn(messages.onlyLocal());
    }
    const candidates = [options.defaultProvider, ...options.fallback, ...Object.keys(options.providers), this.implicitLocal];
    this.defaultProvider = options.defaultProvider ?? candidates.find((n): n is string => n !== undefined && this.usable.has(n)) ?? 'local';
  }

  names(): string[] {
    return [...this.usable.keys()];
  }

  get(name: string): ProviderEntry | undefined {
    return this.usable.get(name);
  }

  /** The providers to try, in order, and those of the chain that are not usable. */
  chain(first: string | undefined, fallback: readonly string[] | false | undefined): { entries: ProviderEntry[]; skipped: ProviderFailure[] } {
    const rest = fallback === false ? [] : (fallback ?? this.options.fallback);
    const names = [...new Set([first ?? this.defaultProvider, ...rest])];
    const entries: ProviderEntry[] = [];
    const skipped: ProviderFailure[] = [];
    for (const name of names) {
      const entry = this.usable.get(name);
      if (entry) entries.push(entry);
      else if (this.skipped.has(name)) skipped.push({ provider: name, reason: 'not_configured', message: this.skipped.get(name) ?? '', attempts: 0 });
      else throw new AiConfigurationError(messages.unknownProvider(name, [...this.usable.keys(), ...this.skipped.keys()]));
    }
    const local = this.implicitLocal === undefined ? undefined : this.usable.get(this.implicitLocal);
    if (local && !entries.includes(local)) entries.push(local);
    return { entries, skipped };
  }

  private entry(provider: AiProvider): ProviderEntry {
    const breaker = new CircuitBreaker({
      name: provider.name,
      ...this.options.circuit,
      isFailure: (error) => judge(error, false).unhealthy,
      onStateChange: (to) => this.logger.warn(messages.circuit(provider.name, to)),
    });
    return { provider, breaker };
  }
}

function create(name: string, options: ProviderOptions): AiProvider {
  switch (options.kind) {
    case 'openai':
      return new OpenAiProvider(name, options);
    case 'anthropic':
      return new AnthropicProvider(name, options);
    case 'local':
      return new LocalProvider(name, options);
  }
}

/** Why a provider cannot be used: a hosted API without a key (self-hosted servers need none). */
function unusable(options: ProviderOptions): string | undefined {
  if (options.kind === 'local' || options.apiKey) return undefined;
  const base = options.baseURL?.replace(/\/+$/, '');
  if (options.kind === 'openai' && (base === undefined || base === OPENAI_BASE_URL)) return messages.noApiKey('api.openai.com', 'OPENAI_API_KEY');
  if (options.kind === 'anthropic' && (base === undefined || base === ANTHROPIC_BASE_URL)) return messages.noApiKey('api.anthropic.com', 'ANTHROPIC_API_KEY');
  return undefined;
}
