import { readFile } from 'node:fs/promises';
import type { ProviderFixtures } from '../fixtures/fixture.interface.js';
import { CliUsageError } from '../errors.js';
import { sendMessages } from './send.messages.js';

/** Where a secret may come from, in the order they win: a flag, a file, the environment. */
export interface SecretSources {
  readonly secret?: string | undefined;
  readonly secretFile?: string | undefined;
  readonly env?: string | undefined;
}

/** The secret to sign with, undefined when none was given. Never echoed: errors name its source, not its value. */
export async function readSecret(sources: SecretSources): Promise<string | undefined> {
  if (sources.secret !== undefined && sources.secretFile !== undefined) throw new CliUsageError(sendMessages.twoSecrets());
  if (sources.secret !== undefined) return sources.secret;
  if (sources.secretFile !== undefined) {
    let text: string;
    try {
      text = await readFile(sources.secretFile, 'utf8');
    } catch (error) {
      throw new CliUsageError(sendMessages.secretFileUnreadable(sources.secretFile, (error as NodeJS.ErrnoException).code ?? 'unreadable'));
    }
    // Files written by `echo` end with a newline no sender signs with.
    const secret = text.trim();
    if (secret.length === 0) throw new CliUsageError(sendMessages.secretFileEmpty(sources.secretFile));
    return secret;
  }
  return sources.env === undefined || sources.env === '' ? undefined : sources.env;
}

/** The secret checked for `provider`'s format (Stripe's `whsec_`, Standard's `whsec_` + base64). */
export function checkSecret(provider: ProviderFixtures, secret: string | undefined): string {
  if (secret === undefined || secret.length === 0) throw new CliUsageError(sendMessages.missingSecret(provider.name));
  const problem = provider.secretProblem?.(secret);
  if (problem !== undefined) throw new CliUsageError(sendMessages.badSecret(provider.name, problem));
  return secret;
}
