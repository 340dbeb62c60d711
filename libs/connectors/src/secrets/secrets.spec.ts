import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';
import { SecretNotFoundError } from '../errors/secret-not-found.error.js';
import { EnvSecretsProvider } from './env-secrets.provider.js';
import { FileSecretsProvider } from './file-secrets.provider.js';
import { env, isSecretRef } from './secret.js';
import { SecretResolver } from './secret-resolver.js';
import type { SecretsProvider } from './secrets-provider.interface.js';

describe('secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aiwire-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('env() is a reference that never looks like a value', () => {
    const ref = env('SLACK_BOT_TOKEN');
    expect(isSecretRef(ref)).toBe(true);
    expect(isSecretRef('SLACK_BOT_TOKEN')).toBe(false);
    expect(String(ref)).toBe('env(SLACK_BOT_TOKEN)');
    expect(JSON.stringify({ token: ref })).toBe('{"token":"env(SLACK_BOT_TOKEN)"}');
    expect(inspect(ref)).toBe('env(SLACK_BOT_TOKEN)');
    expect(() => env('')).toThrow(ConnectorConfigurationError);
  });

  it('EnvSecretsProvider reads NAME, then the file named by NAME_FILE (trailing newline dropped), with a prefix', async () => {
    writeFileSync(join(dir, 'token'), 'from-file\n');
    const provider = new EnvSecretsProvider({ env: { A: 'direct', B_FILE: join(dir, 'token'), APP_C: 'prefixed', D: '' } });
    expect(await provider.get('A')).toBe('direct');
    expect(await provider.get('B')).toBe('from-file');
    expect(await provider.get('D')).toBeUndefined();
    expect(await provider.get('MISSING')).toBeUndefined();
    expect(await new EnvSecretsProvider({ env: { APP_C: 'prefixed' }, prefix: 'APP_' }).get('C')).toBe('prefixed');
    expect(await new EnvSecretsProvider({ env: { B_FILE: join(dir, 'token') }, fileSuffix: false }).get('B')).toBeUndefined();
  });

  it('FileSecretsProvider reads <directory>/NAME, or its lower-case name, and never leaves the directory', async () => {
    writeFileSync(join(dir, 'STRIPE_KEY'), 'sk_test_file');
    writeFileSync(join(dir, 'slack_token'), 'xoxb-file\n');
    const provider = new FileSecretsProvider({ directory: dir });
    expect(await provider.get('STRIPE_KEY')).toBe('sk_test_file');
    expect(await provider.get('SLACK_TOKEN')).toBe('xoxb-file');
    expect(await provider.get('NONE')).toBeUndefined();
    expect(await provider.get('../etc/passwd')).toBeUndefined();
    expect(await provider.get('..')).toBeUndefined();
    expect(provider.describe()).toBe(`files in ${dir}`);
  });

  it('the resolver asks providers in order, caches for the TTL, re-reads after invalidate, and names where it looked', async () => {
    let reads = 0;
    let value = 'v1';
    const vault: SecretsProvider = { get: async (name) => (name === 'VAULTED' ? (reads++, value) : undefined), describe: () => 'vault' };
    const resolver = new SecretResolver([new EnvSecretsProvider({ env: { PLAIN: 'p' } }), vault], 60_000);
    expect(await resolver.resolve('literal')).toBe('literal');
    expect(await resolver.resolve(env('PLAIN'))).toBe('p');
    expect(await Promise.all([resolver.resolve(env('VAULTED')), resolver.resolve(env('VAULTED'))])).toEqual(['v1', 'v1']);
    expect(reads).toBe(1);
    value = 'v2';
    expect(await resolver.resolve(env('VAULTED'))).toBe('v1');
    resolver.invalidate(env('VAULTED'));
    expect(await resolver.resolve(env('VAULTED'))).toBe('v2');
    const error = await resolver.resolve(env('NOWHERE')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as Error).message).toContain('looked in: environment variables (NAME or NAME_FILE), vault');
  });

  it('expires cached values after the TTL', async () => {
    let value = 'old';
    const resolver = new SecretResolver([{ get: async () => value }], 20);
    expect(await resolver.resolve(env('X'))).toBe('old');
    value = 'new';
    await new Promise((r) => setTimeout(r, 30));
    expect(await resolver.resolve(env('X'))).toBe('new');
  });
});
