import { BlockList, isIP } from 'node:net';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';
import { messages } from './webhook.messages.js';

/** A prefix length as people write it: decimal digits, no sign, no leading zero, no exponent. */
const PREFIX_LENGTH = /^(?:0|[1-9][0-9]{0,2})$/;
/** `::ffff:0:0/96`: IPv4 addresses written as IPv6 (`::ffff:192.0.2.1`). */
const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

/** A network `BlockList.addSubnet` takes. */
interface Subnet {
  readonly address: string;
  readonly bits: number;
  readonly family: 'ipv4' | 'ipv6';
}

/**
 * CIDR allowlist over IPv4 and IPv6; IPv4-mapped IPv6 callers (`::ffff:a.b.c.d`) match IPv4 rules.
 * Every entry is checked at startup: `Number()` read `"10.0.0.1/"` as `/0` (everyone) and
 * `"/0x8"`, `"/1e1"` as 8 and 10, so an allowlist with a typo let in callers it was meant to keep out.
 */
export class IpAllowList {
  private readonly list = new BlockList();

  constructor(source: string, entries: readonly string[]) {
    if (!Array.isArray(entries)) throw new WebhookConfigurationError(messages.allowIpsNotList(source));
    entries.forEach((entry: unknown, index) => {
      const subnet = parseEntry(source, index, entry);
      this.list.addSubnet(subnet.address, subnet.bits, subnet.family);
    });
  }

  allows(ip: string | undefined): boolean {
    if (!ip) return false;
    const mapped = ip.startsWith('::ffff:') ? ip.slice(7) : undefined;
    if (mapped && isIP(mapped) === 4) return this.list.check(mapped, 'ipv4');
    const family = isIP(ip);
    // BlockList itself matches the other spellings of IPv4-mapped callers (`::FFFF:`, hex) to IPv4 rules.
    return family !== 0 && this.list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** The network of one entry; anything but an address with an optional decimal prefix is refused. */
function parseEntry(source: string, index: number, entry: unknown): Subnet {
  const text = typeof entry === 'string' ? entry.trim() : '';
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const family = isIP(address);
  const max = family === 6 ? 128 : 32;
  const prefix = slash < 0 ? String(max) : text.slice(slash + 1);
  const bits = PREFIX_LENGTH.test(prefix) ? Number(prefix) : Number.NaN;
  const shown = typeof entry === 'string' ? JSON.stringify(entry) : String(entry);
  if (family === 0 || !(bits <= max)) throw new WebhookConfigurationError(messages.badAllowIp(source, index, shown, example(address, family)));
  // `::ffff:10.0.0.0/8` is the IPv6 network ::/8, which holds every IPv4 caller, not 10.0.0.0/8.
  if (family === 6 && bits < 96 && IPV4_MAPPED.check(address, 'ipv6')) {
    const ipv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? '10.0.0.0';
    throw new WebhookConfigurationError(messages.allowIpMappedPrefix(source, index, shown, ipv4, bits));
  }
  return { address, bits, family: family === 6 ? 'ipv6' : 'ipv4' };
}

/** What the entry probably meant, as one address and as a network, for the error message. */
function example(address: string, family: number): { address: string; network: string } {
  if (family === 4) return { address, network: `${address.split('.').slice(0, 3).join('.')}.0/24` };
  if (family === 6) return { address, network: `${address}/64` };
  return { address: '192.0.2.1', network: '192.0.2.0/24' };
}
