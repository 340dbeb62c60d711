import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address.js';

const req = (peer: string, forwardedFor?: string | string[]) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('clientAddress (Express trust-proxy semantics)', () => {
  it('is the socket peer unless proxies are trusted', () => {
    expect(clientAddress(req('10.0.0.1', '203.0.113.7'), false)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1', '203.0.113.7'), 0)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1'), 2)).toBe('10.0.0.1');
  });

  it('walks n hops back along X-Forwarded-For, never past its first entry', () => {
    const chain = req('10.0.0.1', '198.51.100.9, 203.0.113.7,192.0.2.4');
    expect(clientAddress(chain, 1)).toBe('192.0.2.4');
    expect(clientAddress(chain, 2)).toBe('203.0.113.7');
    expect(clientAddress(chain, 3)).toBe('198.51.100.9');
    expect(clientAddress(chain, 9)).toBe('198.51.100.9');
    expect(clientAddress(chain, true)).toBe('198.51.100.9');
  });

  it('reads repeated headers in order', () => {
    expect(clientAddress(req('10.0.0.1', ['198.51.100.9', '203.0.113.7']), 1)).toBe('203.0.113.7');
  });
});
