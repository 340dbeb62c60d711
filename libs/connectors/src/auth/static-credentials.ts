import type { Secret } from '../secrets/secret.js';
import type { AuthContext } from './auth-strategy.interface.js';

/** Resolves a credential option and remembers its value so it is scrubbed from every message. */
export async function resolveCredential(ctx: AuthContext, secret: Secret): Promise<string> {
  const value = await ctx.secrets.resolve(secret);
  ctx.redactor.add(value);
  return value;
}

/**
 * After the API refused static credentials, reads them again: true only when a secret changed
 * (rotated in the vault or file), so a retry may succeed.
 */
export async function credentialChanged(ctx: AuthContext, secrets: readonly Secret[], before: readonly string[]): Promise<boolean> {
  for (const secret of secrets) ctx.secrets.invalidate(secret);
  const after = await Promise.all(secrets.map((s) => resolveCredential(ctx, s)));
  return after.some((value, i) => value !== before[i]);
}
