import { classifyAddress, isPublicAddress } from './public-address.js';

describe('classifyAddress / isPublicAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'], ['0.255.255.255', 'unspecified'], ['::', 'unspecified'],
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['::1', 'loopback'],
    ['10.0.0.1', 'private'], ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'], ['192.168.255.255', 'private'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'], ['febf::1', 'link-local'], ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'shared'], ['100.127.255.255', 'shared'],
    ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['fec0::1', 'site-local'],
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'], ['198.18.0.1', 'reserved'], ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'documentation'], ['198.51.100.1', 'documentation'], ['203.0.113.9', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['::127.0.0.1', 'reserved'], ['2002:7f00:1::', 'reserved'], ['2001::1', 'reserved'], ['100::1', 'reserved'],
  ] as const)('%s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    // IPv4-mapped, IPv4-translated and NAT64 forms take the kind of the IPv4 address inside.
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::FFFF:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'], ['::ffff:0:192.168.1.1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'], ['64:ff9b::7f00:1', 'loopback'], ['::ffff:0.0.0.0', 'unspecified'],
  ] as const)('%s is %s through its embedded IPv4', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each([
    '8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255',
    '11.0.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808',
  ])('%s is public', (ip) => {
    expect(classifyAddress(ip)).toBe('public');
    expect(isPublicAddress(ip)).toBe(true);
  });

  it('returns undefined / false for what is not an IP address', () => {
    for (const value of ['localhost', '', '1.2.3', '::g', 'example.com', '2130706433']) {
      expect(classifyAddress(value)).toBeUndefined();
      expect(isPublicAddress(value)).toBe(false);
    }
  });
});
