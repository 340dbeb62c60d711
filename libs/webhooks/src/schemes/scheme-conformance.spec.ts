import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import type { SchemeOptions, WebhookSchemeName } from '../interfaces/webhook-source-options.interface.js';
import type { OutgoingDelivery } from './built-in-scheme.js';
import { BUILT_IN_SCHEMES } from './scheme-registry.js';

/**
 * What every built-in scheme promises, one row per scheme: what its `sign` writes its `verify`
 * accepts and names; a tampered body, a wrong secret, a stale timestamp, a missing or malformed
 * header are refused with the same short reasons. The scheme's own spec keeps its provider's
 * documented vectors and official-library cross-checks.
 */
type Headers = Record<string, string>;

interface Row {
  readonly label: string;
  readonly scheme: WebhookSchemeName;
  readonly options?: SchemeOptions;
  readonly secret: string;
  readonly body: object;
  readonly delivery?: Pick<OutgoingDelivery, 'id' | 'type'>;
  /** The eventId and eventType of the signed delivery. */
  readonly names: readonly [string, string];
  /** The header `verify` reads the signature from (a `signatureHeaders` entry). */
  readonly signatureHeader: string;
  /** Other headers whose absence is `Missing required headers`. */
  readonly required: readonly string[];
  /** Whether the signature carries a timestamp checked against `toleranceSeconds`. */
  readonly timestamped: boolean;
  /** Overrides of signed headers that are `Invalid signature header`. */
  readonly malformed: (signed: Headers) => readonly Headers[];
  /** Overrides of signed headers the signature covers (`No matching signature`)... */
  readonly bound: (signed: Headers) => readonly Headers[];
  /** ...and ones it does not cover, which still verify (see the README: what the signature does not cover). */
  readonly unsigned: readonly Headers[];
}

const NOW_S = 1_790_000_000;
// Just before the next second: freshness is counted in whole seconds of the receiver's clock.
const NOW_MS = NOW_S * 1000 + 999;
/** Every reason `verify` gives for a delivery signed just now. */
const REFUSALS = ['Missing signature header', 'Missing required headers', 'Invalid signature header', 'No matching signature'];
const hexOf = (base64: string) => Buffer.from(base64, 'base64').toString('hex');

const ROWS: readonly Row[] = [
  {
    label: 'stripe',
    scheme: 'stripe',
    secret: 'whsec_3c9f0d4e2b7a41f58e6d2c1b0a9f8e7d',
    body: { id: 'evt_1Q2w3E', object: 'event', type: 'payment_intent.succeeded', data: { object: { amount: 4200, description: 'café ✓' } } },
    names: ['evt_1Q2w3E', 'payment_intent.succeeded'],
    signatureHeader: 'stripe-signature',
    required: [],
    timestamped: true,
    malformed: (signed) => {
      const hex = signed['stripe-signature']!.split('v1=')[1]!;
      return ['garbage', `v1=${hex}`, `t=${NOW_S}`, `t=${NOW_S},v1=abc`, `t=${NOW_S},v0=${hex}`, `t=1e9,v1=${hex}`, `t=-1,v1=${hex}`,
        `t=${NOW_S},t=${NOW_S},v1=${hex}`, `t=${NOW_S},v1=${'z'.repeat(64)}`].map((value) => ({ 'stripe-signature': value }));
    },
    bound: (signed) => [{ 'stripe-signature': signed['stripe-signature']!.replace(`t=${NOW_S}`, `t=${NOW_S - 1}`) }],
    unsigned: [],
  },
  {
    label: 'github',
    scheme: 'github',
    secret: 'gh-secret-5f1e2d3c',
    body: { action: 'opened', issue: { number: 7, title: 'Ümlaut ✓' } },
    delivery: { type: 'issues', id: 'a1b2c3d4-0000-4000-8000-000000000001' },
    names: ['a1b2c3d4-0000-4000-8000-000000000001', 'issues.opened'],
    signatureHeader: 'x-hub-signature-256',
    required: [],
    timestamped: false,
    malformed: (signed) => {
      const hex = signed['x-hub-signature-256']!.slice('sha256='.length);
      return [hex, `sha1=${hex}`, 'sha256=', `sha256=${hex.slice(2)}`, `sha256=${hex}00`, `sha256=${'g'.repeat(64)}`]
        .map((value) => ({ 'x-hub-signature-256': value }));
    },
    bound: () => [],
    unsigned: [{ 'x-github-event': 'push', 'x-github-delivery': 'another-delivery' }],
  },
  {
    label: 'shopify',
    scheme: 'shopify',
    secret: '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',
    body: { id: 450789469, email: 'jon@example.com', note: 'Grüße ✓', line_items: [{ id: 1, quantity: 2 }] },
    delivery: { type: 'orders/create', id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' },
    names: ['b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', 'orders/create'],
    signatureHeader: 'x-shopify-hmac-sha256',
    required: [],
    timestamped: false,
    malformed: (signed) => {
      const base64 = signed['x-shopify-hmac-sha256']!;
      return [hexOf(base64), base64.slice(4), `${base64}AAAA`, '!'.repeat(44)].map((value) => ({ 'x-shopify-hmac-sha256': value }));
    },
    bound: () => [],
    unsigned: [{ 'x-shopify-topic': 'orders/paid', 'x-shopify-webhook-id': 'another-id' }],
  },
  {
    label: 'slack',
    scheme: 'slack',
    secret: '8f742231b10e8888abcd99yyyzzz85a5',
    body: { token: 'XXYYZZ', team_id: 'T123ABC456', type: 'event_callback', event_id: 'Ev08MFMKH6', event: { type: 'app_mention', text: 'ça va ✓?' } },
    names: ['Ev08MFMKH6', 'app_mention'],
    signatureHeader: 'x-slack-signature',
    required: ['x-slack-request-timestamp'],
    timestamped: true,
    malformed: (signed) => {
      const hex = signed['x-slack-signature']!.slice('v0='.length);
      return [
        ...[hex, `v1=${hex}`, `v0=${hex.slice(1)}`, 'v0='].map((value) => ({ 'x-slack-signature': value })),
        ...['abc', '-5', ` ${NOW_S}`, '1.79e9'].map((value) => ({ 'x-slack-request-timestamp': value })),
      ];
    },
    bound: () => [{ 'x-slack-request-timestamp': String(NOW_S - 1) }],
    unsigned: [],
  },
  {
    label: 'standard',
    scheme: 'standard',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    body: { type: 'payment.completed', timestamp: '2026-11-23T10:00:00Z', data: { id: 'pay_1', memo: 'naïve ✓' } },
    delivery: { id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' },
    names: ['msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', 'payment.completed'],
    signatureHeader: 'webhook-signature',
    required: ['webhook-id', 'webhook-timestamp'],
    timestamped: true,
    malformed: (signed) => {
      const base64 = signed['webhook-signature']!.slice('v1,'.length);
      return [
        ...[base64, `v1a,${base64}`, `v2,${base64}`, 'v1,', `v1,${base64.slice(8)}`, `v1=${base64}`].map((value) => ({ 'webhook-signature': value })),
        { 'webhook-timestamp': 'soon' },
      ];
    },
    bound: (): Headers[] => [{ 'webhook-id': 'msg_other' }, { 'webhook-timestamp': String(NOW_S - 1) }],
    unsigned: [],
  },
  {
    label: 'hmac-sha256',
    scheme: 'hmac-sha256',
    secret: 'helpdesk-secret-7d6c5b4a',
    body: { id: 'tkt_991', event_type: 'ticket.created', ticket: { id: 991, subject: 'Résumé ✓' } },
    names: ['tkt_991', 'ticket.created'],
    signatureHeader: 'x-signature',
    required: [],
    timestamped: false,
    malformed: (signed) => {
      const hex = signed['x-signature']!;
      return [Buffer.from(hex, 'hex').toString('base64'), `sha1=${hex}`, 'sha256=', hex.slice(1)].map((value) => ({ 'x-signature': value }));
    },
    bound: () => [],
    unsigned: [],
  },
  {
    label: 'hmac-sha256, base64 in a configured header',
    scheme: 'hmac-sha256',
    options: { header: 'X-Helpdesk-Signature', encoding: 'base64', idHeader: 'x-delivery-id', typePath: 'meta.kind' },
    secret: 'helpdesk-secret-7d6c5b4a',
    body: { id: 'tkt_992', meta: { kind: 'ticket.updated' }, note: 'Grüße ✓' },
    names: ['tkt_992', 'ticket.updated'],
    signatureHeader: 'x-helpdesk-signature',
    required: [],
    timestamped: false,
    malformed: (signed) => [{ 'x-helpdesk-signature': hexOf(signed['x-helpdesk-signature']!) }],
    bound: () => [],
    unsigned: [{ 'x-delivery-id': 'another-id' }],
  },
];

/** The reason `verify` gives, or 'accepted'; anything but a WebhookVerificationError fails the test. */
function outcome(verify: () => void): string {
  try {
    verify();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  return 'accepted';
}

describe.each(ROWS)('scheme conformance: $label', (row) => {
  const scheme = BUILT_IN_SCHEMES[row.scheme](row.options);
  const raw = JSON.stringify(row.body);
  const sign = (timestamp = NOW_S, secret = row.secret) => scheme.sign(secret, { raw, timestamp, ...row.delivery });
  const check = (headers: Headers, { body = raw, secrets = [row.secret], nowMs = NOW_MS } = {}) =>
    outcome(() => scheme.verify({ rawBody: Buffer.from(body), headers } satisfies WebhookRequest, secrets, nowMs));
  const without = (headers: Headers, name: string): Headers => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));

  it('verifies what it signs, and names the delivery', () => {
    const headers = sign();
    expect(check(headers)).toBe('accepted');
    expect(scheme.name).toBe(row.scheme);
    expect(scheme.signatureHeaders).toContain(row.signatureHeader);
    expect(headers[row.signatureHeader]).toBeTruthy();
    for (const name of Object.keys(headers)) expect(name).toBe(name.toLowerCase());
    const request = { rawBody: Buffer.from(raw), headers };
    expect([scheme.eventId(request, row.body), scheme.eventType(request, row.body)]).toEqual(row.names);
  });

  it('refuses a tampered body and a wrong secret, and accepts any configured secret (rotation)', () => {
    const headers = sign();
    expect(check(headers, { body: `${raw} ` })).toBe('No matching signature');
    expect(check(headers, { body: raw.replace('✓', '✗') })).toBe('No matching signature');
    expect(check(headers, { secrets: ['whsec_another_secret'] })).toBe('No matching signature');
    expect(check(headers, { secrets: ['whsec_another_secret', row.secret] })).toBe('accepted');
    expect(check(sign(NOW_S, 'whsec_another_secret'), { secrets: [row.secret, 'whsec_another_secret'] })).toBe('accepted');
  });

  it('refuses a missing, empty or repeated signature header, and missing required headers', () => {
    const headers = sign();
    expect(check(without(headers, row.signatureHeader))).toBe('Missing signature header');
    expect(check({ ...headers, [row.signatureHeader]: '' })).toBe('Missing signature header');
    const repeated = { ...headers, [row.signatureHeader]: [headers[row.signatureHeader]!, headers[row.signatureHeader]!] };
    expect(outcome(() => scheme.verify({ rawBody: Buffer.from(raw), headers: repeated }, [row.secret], NOW_MS))).toBe('Missing signature header');
    for (const name of row.required) expect(check(without(headers, name))).toBe('Missing required headers');
  });

  it('refuses malformed signature headers', () => {
    const headers = sign();
    for (const override of row.malformed(headers)) expect([override, check({ ...headers, ...override })]).toEqual([override, 'Invalid signature header']);
  });

  it('binds what it signs besides the body, and only that', () => {
    const headers = sign();
    for (const override of row.bound(headers)) expect([override, check({ ...headers, ...override })]).toEqual([override, 'No matching signature']);
    for (const override of row.unsigned) expect([override, check({ ...headers, ...override })]).toEqual([override, 'accepted']);
  });

  it(row.timestamped ? 'refuses timestamps beyond 300 s either way, or beyond toleranceSeconds' : 'signs no timestamp: a year-old signature still verifies', () => {
    if (!row.timestamped) {
      // Replays of these are caught by the event id alone (the README: what the signature does not cover).
      expect(check(sign(NOW_S - 365 * 86_400))).toBe('accepted');
      return;
    }
    expect(check(sign(NOW_S - 300))).toBe('accepted');
    expect(check(sign(NOW_S + 300))).toBe('accepted');
    expect(check(sign(NOW_S - 301))).toBe('Message timestamp too old');
    expect(check(sign(NOW_S + 301))).toBe('Message timestamp too new');
    const strict = BUILT_IN_SCHEMES[row.scheme]({ ...row.options, toleranceSeconds: 10 });
    const at = (timestamp: number) => outcome(() => strict.verify({ rawBody: Buffer.from(raw), headers: sign(timestamp) }, [row.secret], NOW_MS));
    expect(at(NOW_S - 10)).toBe('accepted');
    expect(at(NOW_S - 11)).toBe('Message timestamp too old');
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => BUILT_IN_SCHEMES[row.scheme]({ toleranceSeconds: bad })).toThrow(WebhookConfigurationError);
      expect(() => BUILT_IN_SCHEMES[row.scheme]({ toleranceSeconds: bad })).toThrow(/toleranceSeconds must be a number of seconds >= 0/);
    }
  });

  it('never puts the secret or a signature in its reasons', () => {
    const headers = sign(NOW_S, 'whsec_another_secret');
    const reasons = [check(headers), check(without(headers, row.signatureHeader)), ...row.malformed(headers).map((o) => check({ ...headers, ...o }))];
    for (const reason of reasons) {
      expect(reason).not.toContain(row.secret);
      expect(reason).not.toContain(headers[row.signatureHeader]);
      expect(REFUSALS).toContain(reason);
    }
  });
});
