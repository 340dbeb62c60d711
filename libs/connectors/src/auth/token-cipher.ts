import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/**
 * Encrypts what the module stores in Redis (OAuth tokens, webhook secrets) with AES-256-GCM
 * when an encryption key is configured; without one, values are stored as they are. The key is
 * resolved at first use, like every other secret.
 */
export class TokenCipher {
  private key: Promise<Buffer | undefined> | undefined;

  constructor(private readonly keySource: () => Promise<string | undefined>) {}

  async encrypt(plain: string): Promise<string> {
    const key = await this.resolveKey();
    if (!key) return plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
  }

  /** The plain text, or undefined when the value cannot be read with this key (key changed or added, tampering). */
  async decrypt(stored: string): Promise<string | undefined> {
    const key = await this.resolveKey();
    if (!stored.startsWith(PREFIX)) return key ? undefined : stored;
    if (!key) return undefined;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  private resolveKey(): Promise<Buffer | undefined> {
    // Any passphrase works: SHA-256 turns it into the 32-byte AES key.
    this.key ??= this.keySource().then((secret) => (secret === undefined ? undefined : createHash('sha256').update(secret).digest()));
    // A failed lookup (secret missing) is retried on the next use rather than cached.
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }
}
