import { SecretNotFoundError } from '../errors/secret-not-found.error.js';
import { isSecretRef, type Secret } from './secret.js';
import type { SecretsProvider } from './secrets-provider.interface.js';

interface Cached {
  readonly value: string;
  readonly until: number;
}

/**
 * Resolves `env('NAME')` references through the providers, first that holds it wins, and caches
 * values for `ttlMs` so a rotated secret (vault, remounted file) is picked up without a restart.
 */
export class SecretResolver {
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly providers: readonly SecretsProvider[],
    private readonly ttlMs: number,
  ) {}

  /** The value of a secret option (a literal is returned as is). */
  resolve(secret: Secret): Promise<string> {
    if (!isSecretRef(secret)) return Promise.resolve(secret);
    const cached = this.cache.get(secret.name);
    if (cached && cached.until > Date.now()) return Promise.resolve(cached.value);
    let pending = this.pending.get(secret.name);
    if (!pending) {
      pending = this.lookup(secret.name).finally(() => this.pending.delete(secret.name));
      this.pending.set(secret.name, pending);
    }
    return pending;
  }

  /** Forget a cached value, e.g. after the API refused it, so the next `resolve` reads it again. */
  invalidate(secret: Secret): void {
    if (isSecretRef(secret)) this.cache.delete(secret.name);
  }

  private async lookup(name: string): Promise<string> {
    for (const provider of this.providers) {
      const value = await provider.get(name);
      if (value !== undefined) {
        this.cache.set(name, { value, until: Date.now() + this.ttlMs });
        return value;
      }
    }
    throw new SecretNotFoundError(name, this.providers.map((p) => p.describe?.() ?? p.constructor.name));
  }
}
