import { BlockList, isIP } from 'node:net';
import { resolveScheme } from './schemes/scheme-registry.js';
import { DEFAULT_WEBHOOK_OPTIONS as D } from './webhook.constants.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';
import { messages } from './webhook.messages.js';
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
  /** Headers never stored with the event: the scheme's signatures and credentials. */
  readonly hiddenHeaders: ReadonlySet<string>;
}

const ALWAYS_HIDDEN = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];
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
    allowList: options.allowIps ? new IpAllowList(name, options.allowIps) : undefined,
    maxBodyBytes: options.maxBodyBytes ?? D.maxBodyBytes,
    rateLimit,
    dedupTtlMs: (options.dedupTtlSeconds ?? D.dedupTtlSeconds) * 1000,
    hiddenHeaders: new Set([...ALWAYS_HIDDEN, ...scheme.signatureHeaders.map((h) => h.toLowerCase())]),
  };
}

/** CIDR allowlist over IPv4 and IPv6; IPv4-mapped IPv6 callers (`::ffff:a.b.c.d`) match IPv4 rules. */
export class IpAllowList {
  private readonly list = new BlockList();

  constructor(source: string, entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.trim().split('/');
      const family = isIP(address);
      const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
      const max = family === 6 ? 128 : 32;
      if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > max) {
        throw new WebhookConfigurationError(messages.badCidr(source, entry));
      }
      this.list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
    }
  }

  allows(ip: string | undefined): boolean {
    if (!ip) return false;
    const mapped = ip.startsWith('::ffff:') ? ip.slice(7) : undefined;
    if (mapped && isIP(mapped) === 4) return this.list.check(mapped, 'ipv4');
    const family = isIP(ip);
    return family !== 0 && this.list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  }
}
