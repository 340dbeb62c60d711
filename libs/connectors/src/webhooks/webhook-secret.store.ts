import { withRedactedRedisErrors, type RedisClient } from '@aiwire/core';
import type { TokenCipher } from '../auth/token-cipher.js';

/**
 * Signing secrets of registered webhooks, kept in Redis (encrypted with the module's key when
 * set): Stripe shows an endpoint's secret only once, at creation, and GitHub never shows it.
 */
export class WebhookSecretStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly cipher: TokenCipher,
    private readonly prefix: string,
  ) {}

  async read(connector: string, id: string): Promise<string | undefined> {
    const stored = await this.redis.get(this.key(connector, id));
    return stored === null ? undefined : this.cipher.decrypt(stored);
  }

  /** A refused write fails without the secret: ioredis puts the command's arguments on its errors. */
  async save(connector: string, id: string, secret: string): Promise<void> {
    await withRedactedRedisErrors(this.redis.set(this.key(connector, id), await this.cipher.encrypt(secret)));
  }

  async remove(connector: string, id: string): Promise<void> {
    await this.redis.del(this.key(connector, id));
  }

  private key(connector: string, id: string): string {
    return `${this.prefix}:${connector}:webhook-secret:${id}`;
  }
}
