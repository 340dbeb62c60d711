import { isValidSlackRequest } from '@slack/bolt';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { slackScheme } from './slack.scheme.js';

// Sign/verify round trip, tampering, rotation, tolerance and missing or malformed headers: scheme-conformance.spec.ts.
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

describe('slackScheme', () => {
  it('matches the worked example in Slack’s "Verifying requests" guide, both ways', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
      '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
      '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = {
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    };
    expect(() => scheme.verify(request(headers, body), [SECRET], 1531420618_000)).not.toThrow();
    expect(scheme.sign(SECRET, { raw: body, timestamp: 1531420618 })).toMatchObject(headers);
  });

  it('signs what @slack/bolt’s verifySlackRequest accepts, and both reject a tampered body', () => {
    const headers = scheme.sign(SECRET, { raw: RAW, timestamp: NOW_S });
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
    expect(() => scheme.verify(request(headers, tampered), [SECRET], NOW_MS)).toThrow(new WebhookVerificationError('No matching signature'));
  });

  it('answers a signed url_verification with its challenge, and an unsigned one fails verify first', () => {
    const handshake = { token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' };
    const raw = JSON.stringify(handshake);
    const req = request(scheme.sign(SECRET, { raw, timestamp: NOW_S }), raw);
    expect(() => scheme.verify(req, [SECRET], NOW_MS)).not.toThrow();
    expect(scheme.immediateReply?.(req, handshake)).toEqual({ status: 200, body: { challenge: handshake.challenge } });
    expect(scheme.eventType(req, handshake)).toBe('url_verification');
    expect(scheme.eventId(req, handshake)).toBeUndefined();
    expect(scheme.immediateReply?.(req, CALLBACK)).toBeUndefined();

    expect(() => scheme.verify(request({}, raw), [SECRET], NOW_MS)).toThrow(new WebhookVerificationError('Missing signature header'));
    expect(scheme.immediateReply?.(req, { type: 'url_verification', challenge: 5 })).toBeUndefined();
  });

  it('falls back to the top-level type for deliveries without an inner event', () => {
    const limited = { token: 'x', team_id: 'T1', minute_rate_limited: 1518467820, api_app_id: 'A1', type: 'app_rate_limited' };
    expect(scheme.eventType(request({}), limited)).toBe('app_rate_limited');
  });
});
