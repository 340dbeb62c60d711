import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { SsrfBlockedError } from '../errors/ssrf-blocked.error.js';
import { classifyAddress } from './public-address.js';
import type { AddressKind } from './public-address.js';

/**
 * One resolved address, as `dns.lookup` gives it.
 * @publicApi
 */
export interface ResolvedAddress {
  /** The IP address in text form. */
  address: string;
  /** 4 or 6. */
  family: number;
}

/**
 * Resolves a host name to all its addresses, like `dns.promises.lookup(host, { all: true })`.
 * @publicApi
 */
export type LookupFunction = (hostname: string, options: { all: true }) => Promise<readonly ResolvedAddress[]>;

/**
 * Options of {@link assertPublicUrl}.
 * @publicApi
 */
export interface SsrfGuardOptions {
  /**
   * Trusted hosts that skip the address check: a host name (any port) or `host:port` (that port
   * only); IPv6 as `::1` or `[::1]:8080`. Compared case-insensitively.
   * @default []
   */
  allowHosts?: readonly string[];
  /**
   * Name resolution; inject one in tests.
   * @default dns.promises.lookup
   */
  lookup?: LookupFunction;
}

/**
 * A URL that passed {@link assertPublicUrl}, with the address it resolved to first.
 * @publicApi
 */
export interface PublicUrl {
  /** The parsed URL (a copy when a URL object was given). */
  url: URL;
  /** Connect to this address (not the name again) to avoid DNS rebinding between check and use. */
  address: string;
  /** IP version of `address`. */
  family: 4 | 6;
}

const LABELS: Record<Exclude<AddressKind, 'public'>, string> = {
  unspecified: 'an unspecified', loopback: 'a loopback', private: 'a private', 'link-local': 'a link-local',
  shared: 'a carrier-grade NAT (shared)', 'unique-local': 'a unique-local', 'site-local': 'a site-local',
  multicast: 'a multicast', broadcast: 'a broadcast', documentation: 'a documentation-only', reserved: 'a reserved',
};

/**
 * Refuse (with `SsrfBlockedError`) a URL that is not http(s) or whose host resolves to ANY
 * non-public address; resolves to the parsed URL and its first address otherwise.
 * @publicApi
 */
export async function assertPublicUrl(input: string | URL, options: SsrfGuardOptions = {}): Promise<PublicUrl> {
  const { allowHosts = [], lookup = dnsLookup } = options;
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new SsrfBlockedError('', 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfBlockedError(url.hostname, `uses the unsupported scheme "${url.protocol.slice(0, -1)}" (only http and https are allowed)`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  const addresses = literal !== 0 ? [{ address: host, family: literal }] : await resolve(url.hostname, host, lookup);
  const first = addresses[0];
  if (first === undefined) throw new SsrfBlockedError(url.hostname, 'does not resolve to any address');

  if (!isAllowed(url, allowHosts)) {
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind === 'public') continue;
      const what = kind === undefined ? 'an invalid' : LABELS[kind];
      throw new SsrfBlockedError(url.hostname, literal !== 0 ? `is ${what} address` : `resolves to ${what} address (${address})`);
    }
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

async function resolve(hostname: string, host: string, lookup: LookupFunction): Promise<readonly ResolvedAddress[]> {
  try {
    return await lookup(host, { all: true });
  } catch (error) {
    // Failing closed: a name we cannot resolve cannot be shown to be public.
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'lookup failed';
    throw new SsrfBlockedError(hostname, `could not be resolved (${code})`);
  }
}

function isAllowed(url: URL, allowHosts: readonly string[]): boolean {
  if (allowHosts.length === 0) return false;
  const hostname = url.hostname.replace(/\.$/, '');
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const names = new Set([hostname, bare, `${hostname}:${port}`]);
  return allowHosts.some((entry) => names.has(entry.trim().toLowerCase().replace(/\.(?=:\d+$|$)/, '')));
}
