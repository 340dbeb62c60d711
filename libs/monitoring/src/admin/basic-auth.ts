import { timingSafeEqual } from 'node:crypto';
import { sha256 } from './admin.options.js';

/** The `WWW-Authenticate` challenge of a 401. */
export const BASIC_AUTH_CHALLENGE = 'Basic realm="aiwire admin", charset="UTF-8"';

/**
 * Whether an `Authorization` header carries these credentials. Both parts are hashed and compared
 * with `timingSafeEqual` on equal-length digests, and both compares always run, so neither the
 * length nor the first wrong byte nor which part was wrong shows in the time taken.
 */
export function matchesBasicAuth(header: string | string[] | undefined, expected: { readonly user: Buffer; readonly password: Buffer }): boolean {
  const given = parseBasicAuth(typeof header === 'string' ? header : undefined);
  const user = timingSafeEqual(sha256(given?.user ?? ''), expected.user);
  const password = timingSafeEqual(sha256(given?.password ?? ''), expected.password);
  return given !== undefined && user && password;
}

/** `Basic base64(user:password)` → its parts; undefined when the header is absent or not basic auth. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  const match = header && /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
