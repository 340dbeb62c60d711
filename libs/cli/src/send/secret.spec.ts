import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError } from '../errors.js';
import { PROVIDERS } from '../fixtures/providers.js';
import { checkSecret, readSecret } from './secret.js';

describe('secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aiwire-cli-secret-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('come from the flag, else the file (trailing newline dropped), else AIWIRE_SECRET; both flags at once are refused', async () => {
    writeFileSync(join(dir, 'secret'), 'whsec_from_file\n');
    writeFileSync(join(dir, 'empty'), '\n');
    expect(await readSecret({ secret: 'whsec_flag', env: 'whsec_env' })).toBe('whsec_flag');
    expect(await readSecret({ secretFile: join(dir, 'secret'), env: 'whsec_env' })).toBe('whsec_from_file');
    expect(await readSecret({ env: 'whsec_env' })).toBe('whsec_env');
    expect(await readSecret({ env: '' })).toBeUndefined();
    await expect(readSecret({ secret: 'a', secretFile: join(dir, 'secret') })).rejects.toThrow('pass the secret once');
    await expect(readSecret({ secretFile: join(dir, 'nope') })).rejects.toThrow(/cannot read the secret file .*nope \(ENOENT\)/);
    await expect(readSecret({ secretFile: join(dir, 'empty') })).rejects.toThrow(/is empty/);
  });

  it('are checked against the provider’s format, and no message quotes them', () => {
    const attempts: [keyof typeof PROVIDERS, string | undefined, RegExp][] = [
      ['stripe', 'sk_test_123', /starts with whsec_/],
      ['standard', 'whsec_***', /whsec_ followed by base64/],
      ['standard', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', /whsec_ followed by base64/],
      ['github', undefined, /no secret for github/],
      ['slack', '', /no secret for slack/],
    ];
    for (const [provider, secret, message] of attempts) {
      let error: unknown;
      try {
        checkSecret(PROVIDERS[provider], secret);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CliUsageError);
      expect((error as Error).message).toMatch(message);
      if (secret) expect((error as Error).message).not.toContain(secret);
    }
    expect(checkSecret(PROVIDERS.standard, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(checkSecret(PROVIDERS.shopify, 'any-shopify-secret')).toBe('any-shopify-secret');
  });
});
