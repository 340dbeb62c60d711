import { messages } from '../connectors.messages.js';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';
import { describeSecret, type Secret } from '../secrets/secret.js';
import type { AuthContext } from './auth-strategy.interface.js';

/** Whether `text` is an absolute http(s) URL. */
export function isHttpUrl(text: unknown): boolean {
  try {
    return typeof text === 'string' && ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * The token endpoint: a literal (checked at startup) or `env()`, resolved and checked here, at
 * first use. The value is not echoed: it came from a secrets provider and may be anything.
 */
export async function resolveTokenUrl(ctx: AuthContext, tokenUrl: Secret): Promise<string> {
  const url = await ctx.secrets.resolve(tokenUrl);
  if (!isHttpUrl(url)) throw new ConnectorConfigurationError(messages.badTokenUrl(ctx.connector, describeSecret(tokenUrl)));
  return url;
}
