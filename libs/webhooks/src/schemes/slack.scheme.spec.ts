import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { slackScheme } from './slack.scheme.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NEXT_SECRET = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const NOW_S = 1_790_000_000;
const NOW_MS = NOW_S * 1000 + 500;
const CALLBACK = {
  token: 'XXYYZZ',
  team_id: 'T123ABC456',
  type: 'event_callback',
  event_id: 'Ev08MFMKH6',
  event_time: NOW_S,
  event: { type: 'app_mention', user: 'U061F7AUR', text: '<@U0LAN0Z89> ça va ✓?', channel: 'C123ABC456' },
};
const RAW = JSON.stringify(CALLBACK);

const scheme = slackScheme();
const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });
const signed = (secret: string, ts: number, raw = RAW) => ({
  'x-slack-request-timestamp': String(ts),
  'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex')}`,
});

function rejection(verify: () => void): string {
  try {
    verify();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  return 'accepted';
}

describe('slackScheme', () => {
  it('accepts a delivery signed by signWebhook and names it by event_id and event.type', () => {
    const req = request(signWebhook('slack', SECRET, CALLBACK, { timestamp: NOW_S }));
    expect(rejection(() => scheme.verify(req, [SECRET], NOW_MS))).toBe('accepted');
    expect(scheme.eventId(req, CALLBACK)).toBe('Ev08MFMKH6');
    expect(scheme.eventType(req, CALLBACK)).toBe('app_mention');
    expect(scheme.immediateReply?.(req, CALLBACK)).toBeUndefined();
    expect(scheme.signatureHeaders).toEqual(['x-slack-signature']);
  });

  it('matches the worked example in Slack’s "Verifying requests" guide', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
      '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
      '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = {
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    };
    expect(rejection(() => scheme.verify(request(headers, body), [SECRET], 1531420618_000))).toBe('accepted');
  });

  it('signs what @slack/bolt’s verifySlackRequest accepts, and both reject a tampered body', () => {
    const headers = signWebhook('slack', SECRET, CALLBACK, { timestamp: NOW_S });
    const boltCheck = (body: string, secret = SECRET) =>
      isValidSlackRequest({
        signingSecret: secret,
        body,
        headers: { 'x-slack-signature': headers['x-slack-signature']!, 'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']) },
        nowMilliseconds: NOW_MS,
      });
    expect(boltCheck(RAW)).toBe(true);
    expect(boltCheck(RAW, NEXT_SECRET)).toBe(false);
    const tampered = RAW.replace('app_mention', 'message');
    expect(boltCheck(tampered)).toBe(false);
    expect(rejection(() => scheme.verify(request(headers, tampered), [SECRET], NOW_MS))).toBe('No matching signature');
  });

  it('says why it rejects: missing, malformed, wrong secret', () => {
    const good = signed(SECRET, NOW_S);
    const reason = (headers: Record<string, string>) => rejection(() => scheme.verify(request(headers), [SECRET], NOW_MS));
    expect(reason({ 'x-slack-request-timestamp': String(NOW_S) })).toBe('Missing signature header');
    expect(reason({ 'x-slack-signature': good['x-slack-signature'] })).toBe('Missing required headers');
    for (const ts of ['abc', '-5', ' 1790000000', '1.79e9']) {
      expect(reason({ ...good, 'x-slack-request-timestamp': ts })).toBe('Invalid signature header');
    }
    const hex = good['x-slack-signature'].slice(3);
    for (const sig of [hex, `v1=${hex}`, `v0=${hex.slice(1)}`, 'v0=']) {
      expect(reason({ ...good, 'x-slack-signature': sig })).toBe('Invalid signature header');
    }
    expect(reason(signed('wrong', NOW_S))).toBe('No matching signature');
    expect(reason({ ...signed(SECRET, NOW_S), 'x-slack-request-timestamp': String(NOW_S - 1) })).toBe('No matching signature');
  });

  it('rejects timestamps more than 300 s in the past or in the future', () => {
    const at = (ts: number) => rejection(() => scheme.verify(request(signed(SECRET, ts)), [SECRET], NOW_MS));
    expect(at(NOW_S - 300)).toBe('accepted');
    expect(at(NOW_S + 300)).toBe('accepted');
    expect(at(NOW_S - 301)).toBe('Message timestamp too old');
    expect(at(NOW_S + 301)).toBe('Message timestamp too new');
  });

  it('accepts any configured secret (rotation)', () => {
    const req = request(signed(NEXT_SECRET, NOW_S));
    expect(rejection(() => scheme.verify(req, [SECRET, NEXT_SECRET], NOW_MS))).toBe('accepted');
    expect(rejection(() => scheme.verify(req, [SECRET], NOW_MS))).toBe('No matching signature');
  });

  it('answers a signed url_verification with its challenge, and an unsigned one fails verify first', () => {
    const handshake = { token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' };
    const raw = JSON.stringify(handshake);
    const req = request(signWebhook('slack', SECRET, handshake, { timestamp: NOW_S }), raw);
    expect(rejection(() => scheme.verify(req, [SECRET], NOW_MS))).toBe('accepted');
    expect(scheme.immediateReply?.(req, handshake)).toEqual({ status: 200, body: { challenge: handshake.challenge } });
    expect(scheme.eventType(req, handshake)).toBe('url_verification');
    expect(scheme.eventId(req, handshake)).toBeUndefined();

    expect(rejection(() => scheme.verify(request({}, raw), [SECRET], NOW_MS))).toBe('Missing signature header');
    expect(scheme.immediateReply?.(req, { type: 'url_verification', challenge: 5 })).toBeUndefined();
  });

  it('falls back to the top-level type for deliveries without an inner event', () => {
    const limited = { token: 'x', team_id: 'T1', minute_rate_limited: 1518467820, api_app_id: 'A1', type: 'app_rate_limited' };
    expect(scheme.eventType(request({}), limited)).toBe('app_rate_limited');
  });
});
