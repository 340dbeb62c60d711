/**
 * From this length a form of a credential is masked wherever it appears, even inside a longer
 * word; shorter ones only where they stand as a token of their own (see {@link secretMatchers}).
 */
const ANYWHERE_MIN_LENGTH = 8;

/** Characters that continue a word, a token, a host name or a path segment. */
const WORD = '[A-Za-z0-9_~-]';
/** Not glued to a word on the left; a `%XX` escape before it is a separator (`user%3Apw`). */
const STANDS_ALONE_LEFT = `(?:(?<=%[0-9A-Fa-f]{2})|(?<!${WORD}|${WORD}\\.))`;
/** Not glued to a word on the right; a sentence's final dot is no glue (`… pw.`), a host's is (`pw.example`). */
const STANDS_ALONE_RIGHT = `(?!${WORD}|\\.${WORD})`;
const GLUES = /[A-Za-z0-9_~.-]/;

/**
 * The forms a credential takes on the wire, each of which a careless endpoint may echo back: as
 * is; percent-encoded as `encodeURIComponent` does (paths, queries) and as form bodies are
 * (`application/x-www-form-urlencoded`: space as `+`, `!'()~` encoded too); JSON-escaped, also
 * with `\/` (PHP) and with non-ASCII as `\uXXXX` (Python's default); Base64 and Base64url.
 */
export function encodedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const bytes = Buffer.from(value, 'utf8');
  return [
    ...new Set([
      value,
      encodeURIComponent(value),
      new URLSearchParams([['', value]]).toString().slice(1),
      json,
      json.replaceAll('/', '\\/'),
      json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      bytes.toString('base64'),
      bytes.toString('base64url'),
    ]),
  ].filter((form) => form.length > 0);
}

/** Regex source matching `form` literally; the hex digits of `%XX` and `\uXXXX` escapes in either case. */
function literal(form: string): string {
  return form.replace(/%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|[\s\S]/g, (token) => {
    if (token.length === 1) return token.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const head = token.startsWith('%') ? '%' : '\\\\u';
    const digits = token.slice(token.startsWith('%') ? 1 : 2);
    return head + digits.replace(/[A-Fa-f]/g, (d) => `[${d.toLowerCase()}${d.toUpperCase()}]`);
  });
}

/**
 * `A`–`F` in lower case, nothing else: what the matchers ignore the case of (escapes' hex digits).
 * Not `toLowerCase()`, which is context-dependent (a final `Σ`) and may change lengths.
 */
export function foldHex(text: string): string {
  return text.replace(/[A-F]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** One form of one credential: how to find it fast, and where exactly. */
export interface SecretMatcher {
  /** The form through {@link foldHex}: a folded text without it cannot hold it (a cheap first test). */
  readonly needle: string;
  /** Global expression for the exact matches (hex digits of escapes in either case; short forms standing alone). */
  readonly pattern: RegExp;
}

/**
 * The matchers of every form of `credential`. A form of {@link ANYWHERE_MIN_LENGTH} characters or
 * more matches anywhere; a shorter one only as a token of its own, so a password `pw` is masked
 * in `password=pw&`, `"pw"` or `: pw.` while `pwd` and `pw.example.com` stay readable.
 */
export function secretMatchers(credential: string): SecretMatcher[] {
  return encodedForms(credential).map((form) => {
    const short = form.length < ANYWHERE_MIN_LENGTH;
    const left = short && GLUES.test(form[0] as string) ? STANDS_ALONE_LEFT : '';
    const right = short && GLUES.test(form.at(-1) as string) ? STANDS_ALONE_RIGHT : '';
    return { needle: foldHex(form), pattern: new RegExp(`${left}${literal(form)}${right}`, 'g') };
  });
}
