import { createHmac } from 'node:crypto';
import { sign, verify } from '@octokit/webhooks-methods';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { githubScheme } from './github.scheme.js';

const SECRET = 'gh-secret-5f1e2d3c';
const NEXT_SECRET = 'gh-secret-next-a9b8';
const PAYLOAD = { action: 'opened', issue: { number: 7, title: 'Ümlaut ✓' } };
const RAW = JSON.stringify(PAYLOAD);

const scheme = githubScheme();
const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });
const sha256 = (secret: string, raw = RAW) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

function rejection(verify: () => void): string {
  try {
    verify();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  return 'accepted';
}

describe('githubScheme', () => {
  it('accepts a delivery signed by signWebhook and names it by delivery id and event.action', () => {
    const headers = signWebhook('github', SECRET, PAYLOAD, { type: 'issues', id: 'a1b2c3d4-0000-4000-8000-000000000001' });
    const req = request(headers);
    expect(rejection(() => scheme.verify(req, [SECRET], Date.now()))).toBe('accepted');
    expect(scheme.eventId(req, PAYLOAD)).toBe('a1b2c3d4-0000-4000-8000-000000000001');
    expect(scheme.eventType(req, PAYLOAD)).toBe('issues.opened');
    expect(headers['user-agent']).toMatch(/^GitHub-Hookshot\//);
    expect(headers['x-github-hook-id']).toBeTruthy();
  });

  it('uses the event header alone when the body has no action', () => {
    const req = request(signWebhook('github', SECRET, { ref: 'refs/heads/main' }, { type: 'push' }));
    expect(scheme.eventType(req, { ref: 'refs/heads/main' })).toBe('push');
    expect(scheme.eventType(req, { action: 42 })).toBe('push');
    expect(scheme.eventType(request({}), PAYLOAD)).toBeUndefined();
  });

  it('matches GitHub’s documented test vector', () => {
    const req = request(
      { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' },
      'Hello, World!',
    );
    expect(rejection(() => scheme.verify(req, ["It's a Secret to Everybody"], Date.now()))).toBe('accepted');
  });

  it('agrees with @octokit/webhooks-methods both ways', async () => {
    const octokitSignature = await sign(SECRET, RAW);
    expect(rejection(() => scheme.verify(request({ 'x-hub-signature-256': octokitSignature }), [SECRET], 0))).toBe('accepted');

    const ours = signWebhook('github', SECRET, PAYLOAD)['x-hub-signature-256']!;
    expect(await verify(SECRET, RAW, ours)).toBe(true);
    expect(await verify(NEXT_SECRET, RAW, ours)).toBe(false);
  });

  it('says why it rejects: missing, malformed, wrong secret, tampered body', () => {
    const reason = (headers: Record<string, string>, raw = RAW) => rejection(() => scheme.verify(request(headers, raw), [SECRET], 0));
    expect(reason({})).toBe('Missing signature header');
    // The SHA-1 header alone is not enough: it is never checked.
    expect(reason({ 'x-hub-signature': `sha1=${createHmac('sha1', SECRET).update(RAW).digest('hex')}` })).toBe('Missing signature header');
    const hex = sha256(SECRET).slice(7);
    for (const malformed of [hex, `sha1=${hex}`, 'sha256=', `sha256=${hex.slice(2)}`, `sha256=${hex}00`, `sha256=${'g'.repeat(64)}`]) {
      expect(reason({ 'x-hub-signature-256': malformed })).toBe('Invalid signature header');
    }
    expect(reason({ 'x-hub-signature-256': sha256('wrong') })).toBe('No matching signature');
    expect(reason({ 'x-hub-signature-256': sha256(SECRET) }, RAW.replace('7', '8'))).toBe('No matching signature');
  });

  it('accepts any configured secret (rotation)', () => {
    const req = request({ 'x-hub-signature-256': sha256(NEXT_SECRET) });
    expect(rejection(() => scheme.verify(req, [SECRET, NEXT_SECRET], 0))).toBe('accepted');
    expect(rejection(() => scheme.verify(req, [SECRET], 0))).toBe('No matching signature');
  });

  it('hides both signature headers', () => {
    expect(scheme.signatureHeaders).toEqual(['x-hub-signature-256', 'x-hub-signature']);
  });
});
