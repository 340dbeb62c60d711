import { SsrfBlockedError } from '../errors/ssrf-blocked.error.js';
import { assertPublicUrl } from './ssrf-guard.js';
import type { LookupFunction, ResolvedAddress } from './ssrf-guard.js';

/** A resolver answering from a table, recording what it was asked. */
function fakeDns(table: Record<string, ResolvedAddress[]>) {
  const asked: [string, unknown][] = [];
  const lookup: LookupFunction = async (hostname, options) => {
    asked.push([hostname, options]);
    const found = table[hostname];
    if (found === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found;
  };
  return { lookup, asked };
}

async function refusal(url: string, options?: Parameters<typeof assertPublicUrl>[1]): Promise<SsrfBlockedError> {
  const error = await assertPublicUrl(url, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SsrfBlockedError);
  return error as SsrfBlockedError;
}

describe('assertPublicUrl', () => {
  const dns = fakeDns({
    'api.example.com': [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }],
    'v6.example.com': [{ address: '2606:2800:220:1::2', family: 6 }],
    'rebind.example.com': [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }],
    'meta.example.com': [{ address: '169.254.169.254', family: 4 }],
    'empty.example.com': [],
    'intranet.corp': [{ address: '10.1.2.3', family: 4 }],
  });

  it('accepts a public host and returns its first address, resolving all of them', async () => {
    const result = await assertPublicUrl('https://api.example.com/hooks?x=1', { lookup: dns.lookup });
    expect(result.url.href).toBe('https://api.example.com/hooks?x=1');
    expect(result).toMatchObject({ address: '93.184.216.34', family: 4 });
    expect(dns.asked.at(-1)).toEqual(['api.example.com', { all: true }]);
    expect(await assertPublicUrl(new URL('http://v6.example.com/'), { lookup: dns.lookup })).toMatchObject({ family: 6 });
  });

  it('checks an IP literal directly, without DNS', async () => {
    const asked = dns.asked.length;
    expect(await assertPublicUrl('http://8.8.8.8:8080/', { lookup: dns.lookup })).toMatchObject({ address: '8.8.8.8', family: 4 });
    expect(await assertPublicUrl('http://[2606:4700::1111]/', { lookup: dns.lookup })).toMatchObject({ address: '2606:4700::1111', family: 6 });
    expect(dns.asked.length).toBe(asked);
  });

  it('refuses a name when ANY of its addresses is not public', async () => {
    const error = await refusal('https://rebind.example.com/cb', { lookup: dns.lookup });
    expect(error.message).toContain('"rebind.example.com"');
    expect(error.message).toContain('resolves to a private address (10.0.0.7)');
    expect((await refusal('http://meta.example.com/', { lookup: dns.lookup })).reason).toBe(
      'resolves to a link-local address (169.254.169.254)',
    );
  });

  it.each([
    ['http://127.0.0.1/', 'is a loopback address'],
    ['http://127.1/', 'is a loopback address'],
    ['http://2130706433/', 'is a loopback address'],
    ['http://0x7f.1/', 'is a loopback address'],
    ['http://017700000001/', 'is a loopback address'],
    ['http://0/', 'is an unspecified address'],
    ['http://0.0.0.0:3000/', 'is an unspecified address'],
    ['http://10.0.0.1/', 'is a private address'],
    ['http://172.16.5.4/', 'is a private address'],
    ['http://192.168.1.1/', 'is a private address'],
    ['http://169.254.169.254/latest/meta-data/', 'is a link-local address'],
    ['http://100.64.0.1/', 'is a carrier-grade NAT (shared) address'],
    ['http://224.0.0.1/', 'is a multicast address'],
    ['http://255.255.255.255/', 'is a broadcast address'],
    ['http://[::1]/', 'is a loopback address'],
    ['http://[::]/', 'is an unspecified address'],
    ['http://[::ffff:127.0.0.1]/', 'is a loopback address'],
    ['http://[::ffff:a9fe:a9fe]/', 'is a link-local address'],
    ['http://[64:ff9b::a00:1]/', 'is a private address'],
    ['http://[fe80::1]/', 'is a link-local address'],
    ['http://[fc00::1]/', 'is a unique-local address'],
    ['http://[fd00:ec2::254]/', 'is a unique-local address'],
    ['http://[ff02::1]/', 'is a multicast address'],
  ])('refuses %s (%s)', async (url, reason) => {
    const error = await refusal(url, { lookup: dns.lookup });
    expect(error.reason).toBe(reason);
    expect(error.message).toContain(`"${new URL(url).hostname}"`);
  });

  it('refuses localhost through the real resolver', async () => {
    const error = await refusal('http://localhost:3000/');
    expect(error.reason).toMatch(/^resolves to a loopback address \((127\.0\.0\.1|::1)\)$/);
  });

  it('refuses schemes other than http and https, and unparsable URLs, without echoing them', async () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_FLUSHALL', 'javascript:alert(1)']) {
      expect((await refusal(url, { lookup: dns.lookup })).reason).toMatch(/^uses the unsupported scheme "[a-z]+"/);
    }
    const bad = await refusal('http://user:s3cret@[::1/', { lookup: dns.lookup });
    expect(bad.reason).toBe('is not a valid URL');
    expect(bad.message).not.toContain('s3cret');
  });

  it('never puts credentials, path or query of the URL in the error', async () => {
    const error = await refusal('http://admin:hunter2@10.0.0.1/reset?token=abc', { lookup: dns.lookup });
    expect(error.message).not.toMatch(/hunter2|admin|token|reset/);
  });

  it('fails closed when the name cannot be resolved or resolves to nothing', async () => {
    expect((await refusal('https://nope.example.com/', { lookup: dns.lookup })).reason).toBe('could not be resolved (ENOTFOUND)');
    expect((await refusal('https://empty.example.com/', { lookup: dns.lookup })).reason).toBe('does not resolve to any address');
  });

  it('lets allowHosts skip the address check, by exact host or host:port', async () => {
    const allowed = await assertPublicUrl('http://intranet.corp/cb', { lookup: dns.lookup, allowHosts: ['INTRANET.corp'] });
    expect(allowed.address).toBe('10.1.2.3');
    await expect(assertPublicUrl('http://localhost:4000/cb', { allowHosts: ['localhost:4000'] })).resolves.toMatchObject({
      url: new URL('http://localhost:4000/cb'),
    });
    await expect(assertPublicUrl('http://127.0.0.1:4000/', { allowHosts: ['127.0.0.1'] })).resolves.toBeDefined();
    await expect(assertPublicUrl('http://[::1]:8080/', { allowHosts: ['[::1]:8080'] })).resolves.toMatchObject({ address: '::1' });
    await expect(assertPublicUrl('http://[::1]:9/', { allowHosts: ['::1'] })).resolves.toBeDefined();
    await expect(assertPublicUrl('https://intranet.corp/', { lookup: dns.lookup, allowHosts: ['intranet.corp:443'] })).resolves.toBeDefined();
  });

  it('allowHosts matches exactly: no other port, no subdomain, no other name for the same address', async () => {
    await refusal('http://localhost:4001/', { allowHosts: ['localhost:4000'] });
    await refusal('http://intranet.corp:8443/', { lookup: dns.lookup, allowHosts: ['intranet.corp:443'] });
    await refusal('http://a.localhost/', { lookup: async () => [{ address: '127.0.0.1', family: 4 }], allowHosts: ['localhost'] });
    await refusal('http://localhost/', { allowHosts: ['127.0.0.1'] });
    // Still only http(s), even for an allowed host.
    await refusal('ftp://localhost/', { allowHosts: ['localhost'] });
  });
});
