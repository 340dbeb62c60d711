import { CliUsageError } from '../errors.js';
import { adminClientMessages as messages } from './admin.messages.js';

/** Where the admin API is and how to authenticate; `authorization` is never printed. */
export interface AdminTarget {
  /** The admin's base URL, without a trailing slash (`http://localhost:3000/admin`). */
  readonly base: string;
  /** `Basic …`, when credentials are given. */
  readonly authorization: string | undefined;
}

/** The admin path MonitoringModule mounts by default, used when `--url` names only the app. */
export const DEFAULT_ADMIN_PATH = '/admin';

/**
 * `--url` (else AIWIRE_URL): the admin's URL, or the app's (then `/admin` is added). The user from
 * `--user` or AIWIRE_ADMIN_USER, the password from AIWIRE_ADMIN_PASSWORD only: a flag would leave it
 * in the shell history and in `ps`.
 */
export function adminTarget(flags: { url?: string; user?: string }, env: Readonly<Record<string, string | undefined>>): AdminTarget {
  const given = flags.url ?? env.AIWIRE_URL;
  if (!given) throw new CliUsageError(messages.urlMissing());
  const url = httpUrl(given, flags.url ? '--url' : 'AIWIRE_URL');
  const path = url.pathname.replace(/\/+$/, '');
  const base = `${url.origin}${path === '' ? DEFAULT_ADMIN_PATH : path}`;
  const user = flags.user ?? env.AIWIRE_ADMIN_USER;
  const password = env.AIWIRE_ADMIN_PASSWORD;
  if (user && !password) throw new CliUsageError(messages.passwordMissing());
  if (password && !user) throw new CliUsageError(messages.userMissing());
  const authorization = user && password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  return { base, authorization };
}

/** An http(s) URL without credentials in it; the error never repeats the value (it may hold a password). */
export function httpUrl(value: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliUsageError(messages.urlInvalid(flag));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliUsageError(messages.urlInvalid(flag));
  if (url.username || url.password) throw new CliUsageError(messages.urlCredentials());
  return url;
}
