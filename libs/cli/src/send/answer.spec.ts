import { PassThrough } from 'node:stream';
import type { CliIo } from '../command.js';
import { printSend, type SendReport } from './answer.js';

const REPORT: SendReport = {
  provider: 'stripe',
  url: 'http://127.0.0.1:3000/webhooks/stripe',
  delivery: { id: 'evt_1', event: 'payment_intent.succeeded', raw: '{}', body: {}, headers: { 'stripe-signature': 't=1,v1=ab' } },
  answer: { status: 401, statusText: 'Unauthorized', body: { status: 'error', error: 'invalid_signature' }, ms: 4 },
};

function capture(env: Record<string, string>, tty: boolean): { io: CliIo; text: () => string } {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  let text = '';
  stdout.on('data', (d: Buffer) => (text += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env }, text: () => text };
}

describe('printSend', () => {
  it('for people: what was sent, the status and time, the body; colours only on a TTY without NO_COLOR', () => {
    const plain = capture({}, false);
    printSend(plain.io, REPORT, false);
    expect(plain.text()).toBe(
      '→ stripe payment_intent.succeeded evt_1 → http://127.0.0.1:3000/webhooks/stripe\n← 401 Unauthorized  4 ms\n  {"status":"error","error":"invalid_signature"}\n',
    );
    const tty = capture({}, true);
    printSend(tty.io, REPORT, false);
    expect(tty.text()).toContain('\u001b[31m401 Unauthorized\u001b[0m');
    const noColour = capture({ NO_COLOR: '1' }, true);
    printSend(noColour.io, { ...REPORT, duplicate: true }, false);
    expect(noColour.text()).not.toContain('\u001b[');
    expect(noColour.text()).toContain('evt_1 (duplicate) →');
  });

  it('--json: one object per line, never the signature headers', () => {
    const out = capture({}, true);
    printSend(out.io, { ...REPORT, step: '2 (pay)' }, true);
    expect(out.text().endsWith('}\n')).toBe(true);
    expect(JSON.parse(out.text())).toEqual({
      step: '2 (pay)', provider: 'stripe', event: 'payment_intent.succeeded', id: 'evt_1', url: REPORT.url,
      duplicate: false, status: 401, ok: false, ms: 4, body: { status: 'error', error: 'invalid_signature' },
    });
    expect(out.text()).not.toContain('v1=ab');
  });
});
