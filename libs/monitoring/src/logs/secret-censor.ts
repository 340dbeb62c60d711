import { REDACTED } from './logs.constants.js';

/** From this length a secret is censored wherever it appears; a shorter one only where it stands alone. */
const ANYWHERE_MIN_LENGTH = 8;
/** Characters that continue a word or a token. */
const WORD = '[A-Za-z0-9_~-]';

/**
 * Censors known secret values in a finished log line (pino's `streamWrite` hook), in the forms a
 * careless message carries them: as is, JSON-escaped (the line is JSON), percent-encoded and
 * Base64. One regular expression over the line: ~0.5 µs for 20 secrets on a 300-byte line, and
 * nothing at all while no secret is known.
 */
export class SecretCensor {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  /** How many secret values are censored. */
  get size(): number {
    return this.values.size;
  }

  /** Adds values (blank ones are no secret and would match everywhere); returns how many were new. */
  add(values: Iterable<string>): number {
    let added = 0;
    for (const value of values) {
      if (typeof value !== 'string' || value.trim() === '' || this.values.has(value)) continue;
      this.values.add(value);
      added++;
    }
    if (added > 0) this.pattern = buildPattern(this.values);
    return added;
  }

  /** `line` with every known secret replaced by `[REDACTED]`. */
  scrub(line: string): string {
    return this.pattern === undefined ? line : line.replace(this.pattern, REDACTED);
  }
}

/** The forms of `value` a log line may hold. */
export function secretForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const bytes = Buffer.from(value, 'utf8');
  return [...new Set([value, json, encodeURIComponent(value), bytes.toString('base64'), bytes.toString('base64url')])].filter((form) => form.length > 0);
}

function buildPattern(values: ReadonlySet<string>): RegExp {
  const forms = [...new Set([...values].flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return new RegExp(forms.map(alternative).join('|'), 'g');
}

/** A form as an alternative of the pattern: anywhere when long, standing alone when short (`pw` in `"pw"`, not in `pwd`). */
function alternative(form: string): string {
  const literal = form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (form.length >= ANYWHERE_MIN_LENGTH) return literal;
  return `(?<!${WORD})${literal}(?!${WORD})`;
}
