import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import type { WebhookScheme } from '../interfaces/webhook-scheme.interface.js';
import type { WebhookSchemeName } from '../interfaces/webhook-source-options.interface.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { BUILT_IN_SCHEMES, resolveScheme } from './scheme-registry.js';

const SECRETS: Record<WebhookSchemeName, string> = {
  stripe: 'whsec_stripe_test_secret',
  github: 'github-test-secret',
  shopify: 'shopify-test-secret',
  slack: 'slack-test-signing-secret',
  standard: `whsec_${Buffer.from('standard-test-key-32-bytes-long!').toString('base64')}`,
  'hmac-sha256': 'helpdesk-test-secret',
};

describe('resolveScheme', () => {
  it.each(Object.keys(BUILT_IN_SCHEMES) as WebhookSchemeName[])('builds %s, which verifies what signWebhook signs', (name) => {
    const scheme = resolveScheme('src', name, {});
    expect(scheme.name).toBe(name);
    const body = { id: 'evt_1', type: 'thing.happened', event_type: 'thing.happened' };
    const rawBody = Buffer.from(JSON.stringify(body));
    const headers = signWebhook(name, SECRETS[name], body, { type: 'orders/create' });
    expect(() => scheme.verify({ rawBody, headers }, [SECRETS[name]], Date.now())).not.toThrow();
    expect(() => scheme.verify({ rawBody, headers }, ['another-secret'], Date.now())).toThrow('No matching signature');
  });

  it('hands the source options to the scheme', () => {
    expect(resolveScheme('helpdesk', 'hmac-sha256', { header: 'X-Helpdesk-Sig' }).signatureHeaders).toEqual(['x-helpdesk-sig']);
    const strict = resolveScheme('billing', 'standard', { toleranceSeconds: 5 });
    const body = '{"type":"a"}';
    const headers = signWebhook('standard', SECRETS.standard, body, { timestamp: 1_000 });
    expect(() => strict.verify({ rawBody: Buffer.from(body), headers }, [SECRETS.standard], 1_006_000)).toThrow('Message timestamp too old');
  });

  it('names the source and the choices when the scheme name is unknown', () => {
    for (const bad of ['paypal', 'toString', '__proto__', 'Stripe']) {
      const attempt = () => resolveScheme('payments', bad as WebhookSchemeName, {});
      expect(attempt).toThrow(WebhookConfigurationError);
      expect(attempt).toThrow(/"payments".*stripe, github, shopify, slack, standard, hmac-sha256/);
    }
  });

  it('returns a custom scheme object as it is', () => {
    const custom: WebhookScheme = {
      name: 'acme',
      signatureHeaders: ['x-acme-signature'],
      verify: () => undefined,
      eventId: () => 'id',
      eventType: () => 'type',
    };
    expect(resolveScheme('acme', custom, {})).toBe(custom);
  });

  it('rejects a custom scheme that does not implement WebhookScheme', () => {
    const base = { name: 'acme', signatureHeaders: ['x-acme-signature'], verify: () => undefined, eventId: () => 'id', eventType: () => 't' };
    const broken: Array<[unknown, RegExp]> = [
      [{ ...base, verify: undefined }, /`verify`, `eventId` and `eventType`/],
      [{ ...base, signatureHeaders: ['X-Acme-Signature'] }, /lower-case/],
      [{ ...base, signatureHeaders: 'x-acme-signature' }, /lower-case/],
      [{ ...base, name: '' }, /`name`/],
      [{ ...base, immediateReply: 'yes' }, /immediateReply/],
      [null, /`name`/],
    ];
    for (const [scheme, reason] of broken) {
      const attempt = () => resolveScheme('acme', scheme as WebhookScheme, {});
      expect(attempt).toThrow(WebhookConfigurationError);
      expect(attempt).toThrow(reason);
      expect(attempt).toThrow(/"acme"/);
    }
  });
});
