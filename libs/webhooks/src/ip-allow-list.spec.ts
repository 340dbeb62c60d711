import { IpAllowList } from './ip-allow-list.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';

describe('IpAllowList', () => {
  const list = new IpAllowList('s', ['192.0.2.0/24', '203.0.113.7', '2001:db8::/32', ' 198.51.100.0/28 ', '::ffff:100.64.0.0/106']);

  it.each([
    ['192.0.2.200', true], ['192.0.3.1', false], ['203.0.113.7', true], ['203.0.113.8', false],
    ['::ffff:192.0.2.9', true], ['::FFFF:192.0.2.9', true], ['::ffff:c000:209', true], ['::ffff:10.0.0.1', false],
    ['2001:db8:1::5', true], ['2001:db9::1', false], ['198.51.100.15', true], ['198.51.100.16', false],
    ['100.64.3.4', true], ['::ffff:100.64.3.4', true], ['100.127.255.255', true], ['100.128.0.1', false],
    [undefined, false], ['', false], ['not-an-ip', false], ['192.0.2.1:443', false], ['[2001:db8::1]', false], ['unknown', false],
  ])('%s → %s', (ip, allowed) => {
    expect(list.allows(ip)).toBe(allowed);
  });

  // Each of these was read loosely before: "/" as /0 (everyone), "/8/junk" as /8, "/0x8" as /8, "/1e1" as /10.
  it.each([
    ['10.0.0.1/', 'write "10.0.0.1" or "10.0.0.0/24"'],
    ['10.0.0.0/8/junk', 'allowIps[0] "10.0.0.0/8/junk" is not an IP address or CIDR'],
    ['10.0.0.0/0x8', 'is not an IP address or CIDR'],
    ['10.0.0.0/1e1', 'is not an IP address or CIDR'],
    ['10.0.0.0/+8', 'is not an IP address or CIDR'],
    ['10.0.0.0/-8', 'is not an IP address or CIDR'],
    ['10.0.0.0/ 8', 'is not an IP address or CIDR'],
    ['10.0.0.0/8.0', 'is not an IP address or CIDR'],
    ['10.0.0.0/08', 'is not an IP address or CIDR'],
    ['10.0.0.0/33', 'prefix length in decimal digits, 0–32 for IPv4'],
    ['10.0.0.0/', 'is not an IP address or CIDR'],
    ['2001:db8::/129', 'write "2001:db8::" or "2001:db8::/64"'],
    ['2001:db8::/', 'is not an IP address or CIDR'],
    ['2001:db8::/0x20', 'is not an IP address or CIDR'],
    ['10.0.0.256/8', 'write "192.0.2.1" or "192.0.2.0/24"'],
    ['010.0.0.1', 'is not an IP address or CIDR'],
    ['10.1/16', 'is not an IP address or CIDR'],
    ['/8', 'is not an IP address or CIDR'],
    ['', 'allowIps[0] "" is not an IP address or CIDR'],
    ['10.0.0.0 /8', 'is not an IP address or CIDR'],
    ['10.0.0.0/8,192.0.2.0/24', 'is not an IP address or CIDR'],
    ['::ffff:10.0.0.0/8', 'write the IPv4 network "10.0.0.0/8", or "::ffff:10.0.0.0/104"'],
    ['::ffff:a00:0/16', 'holds every IPv4 caller'],
  ])('refuses %j at startup, saying what to write', (entry, message) => {
    const build = () => new IpAllowList('partner', [entry]);
    expect(build).toThrow(WebhookConfigurationError);
    expect(build).toThrow(message);
    expect(build).toThrow('Webhook source "partner": allowIps[0]');
  });

  it('names the position of the bad entry and refuses entries that are not strings', () => {
    expect(() => new IpAllowList('s', ['192.0.2.0/24', '10.0.0.1/'])).toThrow('allowIps[1] "10.0.0.1/"');
    expect(() => new IpAllowList('s', ['192.0.2.0/24', undefined as unknown as string])).toThrow('allowIps[1] undefined is not an IP address');
    expect(() => new IpAllowList('s', '10.0.0.0/8' as unknown as string[])).toThrow('allowIps must be an array');
  });

  it.each([
    ['0.0.0.0/0', '198.51.100.1', true], ['::/0', '2001:db8::1', true], ['10.0.0.1/8', '10.200.0.1', true], ['10.0.0.0/32', '10.0.0.1', false],
    ['2001:db8::1/128', '2001:db8::1', true], ['::ffff:10.0.0.0/96', '203.0.113.1', true], ['::ffff:10.0.0.1', '10.0.0.1', true],
  ])('takes the valid form %s (%s → %s)', (entry, ip, allowed) => {
    expect(new IpAllowList('s', [entry]).allows(ip)).toBe(allowed);
  });
});
