import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  decodeStandardWebhookSecret,
  signStandardWebhook,
  standardWebhookDigest,
  STANDARD_WEBHOOK_HEADERS,
} from './standard-webhooks.js';

// The vector of the Standard Webhooks reference libraries (libraries/javascript/src/webhook.test.ts,
// "sign function works"; the same values in the Python, Go, Rust, PHP and Ruby tests).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
} as const;

describe('signStandardWebhook', () => {
  it('reproduces the reference libraries’ test vector', () => {
    const headers = signStandardWebhook(VECTOR.secret, VECTOR.body, { id: VECTOR.id, timestamp: VECTOR.timestamp });
    expect(headers).toEqual({ 'webhook-id': VECTOR.id, 'webhook-timestamp': '1614265330', 'webhook-signature': VECTOR.signature });
  });

  it('reads the secret with or without whsec_, and signs bytes exactly as the same text', () => {
    const message = { id: VECTOR.id, timestamp: VECTOR.timestamp };
    expect(signStandardWebhook(VECTOR.secret.slice('whsec_'.length), VECTOR.body, message)['webhook-signature']).toBe(VECTOR.signature);
    expect(signStandardWebhook(VECTOR.secret, Buffer.from(VECTOR.body), message)['webhook-signature']).toBe(VECTOR.signature);
  });

  it('binds the id, the timestamp and every byte of the body into the signature', () => {
    const sign = (id: string, timestamp: number, body: string) => signStandardWebhook(VECTOR.secret, body, { id, timestamp })['webhook-signature'];
    const changed = [
      sign('msg_other', VECTOR.timestamp, VECTOR.body),
      sign(VECTOR.id, VECTOR.timestamp + 1, VECTOR.body),
      sign(VECTOR.id, VECTOR.timestamp, '{"test": 2432232315}'),
    ];
    for (const signature of changed) expect(signature).not.toBe(VECTOR.signature);
  });

  it('keys the HMAC with the base64-decoded secret, not the secret text', () => {
    const key = decodeStandardWebhookSecret(VECTOR.secret);
    expect(key).toEqual(Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'));
    const textKeyed = createHmac('sha256', VECTOR.secret).update(`${VECTOR.id}.${VECTOR.timestamp}.${VECTOR.body}`).digest('base64');
    expect(`v1,${textKeyed}`).not.toBe(VECTOR.signature);
    expect(`v1,${standardWebhookDigest(key, VECTOR.id, '1614265330', VECTOR.body).toString('base64')}`).toBe(VECTOR.signature);
  });

  it('signs what the standardwebhooks library verifies, under the header names it reads', () => {
    const body = JSON.stringify({ type: 'job.completed', data: { note: 'naïve ✓' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signStandardWebhook(VECTOR.secret, body, { id: 'msg_job_1', timestamp });
    expect(Object.keys(headers).sort()).toEqual(Object.values(STANDARD_WEBHOOK_HEADERS).sort());
    expect(new Webhook(VECTOR.secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(VECTOR.secret).verify(body.replace('✓', 'x'), headers)).toThrow('No matching signature found');
  });

  it('refuses an empty id and a timestamp that is not whole unix seconds', () => {
    expect(() => signStandardWebhook(VECTOR.secret, '{}', { id: '', timestamp: 1 })).toThrow(RangeError);
    expect(() => signStandardWebhook(VECTOR.secret, '{}', { id: '', timestamp: 1 })).toThrow('id must be a non-empty string');
    for (const timestamp of [1.5, Number.NaN, Date.now() * 1e6]) {
      expect(() => signStandardWebhook(VECTOR.secret, '{}', { id: 'msg_1', timestamp })).toThrow(/timestamp must be whole unix seconds/);
    }
  });
});
