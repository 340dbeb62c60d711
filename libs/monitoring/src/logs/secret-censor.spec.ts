import { SecretCensor, secretForms } from './secret-censor.js';

describe('SecretCensor', () => {
  it('leaves lines alone while it knows no secret', () => {
    const censor = new SecretCensor();
    expect(censor.scrub('{"msg":"sk-live-abcdefgh"}')).toBe('{"msg":"sk-live-abcdefgh"}');
    expect(censor.add(['', '   '])).toBe(0);
    expect(censor.size).toBe(0);
  });

  it('censors a secret as is, JSON-escaped, percent-encoded and in Base64, wherever it is', () => {
    const secret = 'sk-"quoted"/key+1234';
    const censor = new SecretCensor();
    expect(censor.add([secret, secret])).toBe(1);
    const line = JSON.stringify({ msg: `calling with ${secret}`, url: `https://x.test/?key=${encodeURIComponent(secret)}`, auth: `Basic ${Buffer.from(secret).toString('base64')}` });
    const scrubbed = censor.scrub(line);
    for (const form of secretForms(secret)) expect(scrubbed).not.toContain(form);
    expect(JSON.parse(scrubbed)).toEqual({ msg: 'calling with [REDACTED]', url: 'https://x.test/?key=[REDACTED]', auth: 'Basic [REDACTED]' });
  });

  it('censors a long secret inside a longer word, and the longer of two overlapping secrets whole', () => {
    const censor = new SecretCensor();
    censor.add(['abcdefgh12', 'abcdefgh1234567']);
    expect(censor.scrub('xxabcdefgh1234567yy abcdefgh12')).toBe('xx[REDACTED]yy [REDACTED]');
  });

  it('censors a short secret only where it stands alone', () => {
    const censor = new SecretCensor();
    censor.add(['pw12']);
    expect(censor.scrub('{"password":"pw12","note":"pw123 and xpw12 stay; pw12."}')).toBe('{"password":"[REDACTED]","note":"pw123 and xpw12 stay; [REDACTED]."}');
  });

  it('takes secrets added later (discovered at startup) into account', () => {
    const censor = new SecretCensor();
    censor.add(['first-secret-value']);
    expect(censor.add(['second-secret-value'])).toBe(1);
    expect(censor.scrub('first-secret-value second-secret-value')).toBe('[REDACTED] [REDACTED]');
  });
});
