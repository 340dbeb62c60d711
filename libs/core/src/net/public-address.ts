import { BlockList, isIP } from 'node:net';

/**
 * What an IP address is, by the IANA special-purpose registries; only `public` is routable on the internet.
 * @publicApi
 */
export type AddressKind =
  | 'public' | 'unspecified' | 'loopback' | 'private' | 'link-local' | 'shared' | 'unique-local'
  | 'site-local' | 'multicast' | 'broadcast' | 'documentation' | 'reserved';

// Checked in this order; the first list that holds the address names its kind.
const RANGES: readonly [Exclude<AddressKind, 'public'>, readonly string[]][] = [
  ['unspecified', ['0.0.0.0/8', '::/128']],
  ['loopback', ['127.0.0.0/8', '::1/128']],
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']],
  ['link-local', ['169.254.0.0/16', 'fe80::/10']],
  ['shared', ['100.64.0.0/10']],
  ['unique-local', ['fc00::/7']],
  ['site-local', ['fec0::/10']],
  ['multicast', ['224.0.0.0/4', 'ff00::/8']],
  ['broadcast', ['255.255.255.255/32']],
  ['documentation', ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20']],
  [
    'reserved',
    [
      '192.0.0.0/24', '192.88.99.0/24', '198.18.0.0/15', '240.0.0.0/4',
      // IPv4-compatible (deprecated), discard-only, IETF assignments incl. Teredo, 6to4, SRv6, local NAT64
      '::/96', '100::/64', '2001::/23', '2002::/16', '5f00::/16', '64:ff9b:1::/48',
    ],
  ],
];

const LISTS = RANGES.map(([kind, cidrs]) => {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network, prefix] = cidr.split('/') as [string, string];
    list.addSubnet(network, Number(prefix), isIP(network) === 6 ? 'ipv6' : 'ipv4');
  }
  return [kind, list] as const;
});

/**
 * The kind of `ip` (IPv6 zone ids ignored), or undefined when it is not an IP address.
 * @publicApi
 */
export function classifyAddress(ip: string): AddressKind | undefined {
  const address = ip.replace(/%.*$/, '');
  const family = isIP(address);
  if (family === 0) return undefined;
  if (family === 6) {
    const embedded = embeddedIpv4(address);
    if (embedded !== undefined) return classifyAddress(embedded);
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  for (const [kind, list] of LISTS) if (list.check(address, type)) return kind;
  return 'public';
}

/**
 * True only for an IP address that is routable on the public internet.
 * @publicApi
 */
export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === 'public';
}

/**
 * The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96) or
 * NAT64 (64:ff9b::/96) IPv6 address: traffic to those reaches the IPv4 host.
 */
function embeddedIpv4(ip: string): string | undefined {
  const g = ipv6Groups(ip);
  const zeros = (from: number, to: number): boolean => g.slice(from, to).every((x) => x === 0);
  const mapped = zeros(0, 5) && g[5] === 0xffff;
  const translated = zeros(0, 4) && g[4] === 0xffff && g[5] === 0;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6);
  if (!mapped && !translated && !nat64) return undefined;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(ip: string): number[] {
  // The WHATWG URL parser canonicalises (lower case, dotted tail turned into hex), leaving only `::` to expand.
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((x) => parseInt(x, 16)));
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...Array.from({ length: 8 - left.length - right.length }, () => 0), ...right];
}
