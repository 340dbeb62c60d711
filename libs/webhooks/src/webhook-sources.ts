import { resolveScheme } from './schemes/scheme-registry.js';
import { DEFAULT_WEBHOOK_OPTIONS as D } from './webhook.constants.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';
import { IpAllowList } from './ip-allow-list.js';
import { messages } from './webhook.messages.js';
import { resolveStoredHeaders } from './intake/stored-headers.js';
import { resolveJsonDepth } from './intake/intake-limits.js';
import type { WebhookScheme } from './interfaces/webhook-scheme.interface.js';
import type { WebhookSourceOptions } from './interfaces/webhook-source-options.interface.js';

/** A source with its defaults applied, ready for the hot path. */
export interface ResolvedSource {
  readonly name: string;
  readonly scheme: WebhookScheme;
  readonly secrets: readonly string[];
  readonly allowList: IpAllowList | undefined;
  readonly maxBodyBytes: number;
  readonly rateLimit: { readonly limit: number; readonly windowMs: number } | undefined;
  readonly dedupTtlMs: number;
  /** Deepest JSON taken (nested arrays/objects); deeper is refused before anything is stored. */
  readonly maxJsonDepth: number;
  /** The only headers stored with the event (an allowlist): never a signature or a credential. */
  readonly storedHeaders: ReadonlySet<string>;
}

const SOURCE_NAME = /^[A-Za-z0-9_-]+$/;

export function resolveSources(sources: Record<string, WebhookSourceOptions>): Map<string, ResolvedSource> {
  return new Map(Object.entries(sources).map(([name, options]) => [name, resolveSource(name, options)]));
}

function resolveSource(name: string, options: WebhookSourceOptions): ResolvedSource {
  if (!SOURCE_NAME.test(name)) throw new WebhookConfigurationError(messages.badSourceName(name));
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (secrets.length === 0) throw new WebhookConfigurationError(messages.noSecrets(name));
  const scheme = resolveScheme(name, options.scheme, options);
  const rateLimit = options.rateLimit && {
    limit: options.rateLimit.limit,
    windowMs: (options.rateLimit.windowSeconds ?? D.rateLimitWindowSeconds) * 1000,
  };
  return {
    name,
    scheme,
    secrets,
    // Only an absent list means anyone: `''` from an unset environment variable is refused, not read as "no list".
    allowList: options.allowIps === undefined || options.allowIps === null ? undefined : new IpAllowList(name, options.allowIps),
    maxBodyBytes: options.maxBodyBytes ?? D.maxBodyBytes,
    rateLimit,
    dedupTtlMs: (options.dedupTtlSeconds ?? D.dedupTtlSeconds) * 1000,
    maxJsonDepth: resolveJsonDepth(name, options.maxJsonDepth),
    storedHeaders: resolveStoredHeaders(name, scheme, options),
  };
}
