import { createHmac } from 'node:crypto';
import { sign, verify } from '@octokit/webhooks-methods';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { githubScheme } from './github.scheme.js';

// Sign/verify round trip, tampering, rotation and missing or malformed headers: scheme-conformance.spec.ts.
const SECRET = 'gh-secret-5f1e2d3c';
const NEXT_SECRET = 'gh-secret-next-a9b8';
const PAYLOAD = { action: 'opened', issue: { number: 7, title: 'Ümlaut ✓' } };
const RAW = JSON.stringify(PAYLOAD);

const scheme = githubScheme();
const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });

describe('githubScheme', () => {
  it('matches GitHub’s documented test vector', () => {
    const req = request(
      { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' },
      'Hello, World!',
    );
    expect(() => scheme.verify(req, ["It's a Secret to Everybody"], Date.now())).not.toThrow();
    expect(scheme.sign("It's a Secret to Everybody", { raw: 'Hello, World!', timestamp: 0 })['x-hub-signature-256']).toBe(
      req.headers['x-hub-signature-256'],
    );
  });

  it('agrees with @octokit/webhooks-methods both ways', async () => {
    const octokitSignature = await sign(SECRET, RAW);
    expect(() => scheme.verify(request({ 'x-hub-signature-256': octokitSignature }), [SECRET], 0)).not.toThrow();

    const ours = scheme.sign(SECRET, { raw: RAW, timestamp: 0 })['x-hub-signature-256']!;
    expect(await verify(SECRET, RAW, ours)).toBe(true);
    expect(await verify(NEXT_SECRET, RAW, ours)).toBe(false);
  });

  it('sends what GitHub sends: the SHA-1 signature too (hidden, never checked), hook ids, a Hookshot agent', () => {
    const headers = scheme.sign(SECRET, { raw: RAW, timestamp: 0 });
    expect(headers['x-hub-signature']).toBe(`sha1=${createHmac('sha1', SECRET).update(RAW).digest('hex')}`);
    expect(headers['user-agent']).toMatch(/^GitHub-Hookshot\//);
    expect(headers['x-github-hook-id']).toBeTruthy();
    expect(headers['x-github-event']).toBe('ping');
    expect(scheme.signatureHeaders).toEqual(['x-hub-signature-256', 'x-hub-signature']);
    // The SHA-1 header alone is not enough.
    expect(() => scheme.verify(request({ 'x-hub-signature': headers['x-hub-signature']! }), [SECRET], 0)).toThrow(
      new WebhookVerificationError('Missing signature header'),
    );
  });

  it('uses the event header alone when the body has no action', () => {
    const req = request(scheme.sign(SECRET, { raw: '{"ref":"refs/heads/main"}', timestamp: 0, type: 'push' }));
    expect(scheme.eventType(req, { ref: 'refs/heads/main' })).toBe('push');
    expect(scheme.eventType(req, { action: 42 })).toBe('push');
    expect(scheme.eventType(request({}), PAYLOAD)).toBeUndefined();
  });
});
