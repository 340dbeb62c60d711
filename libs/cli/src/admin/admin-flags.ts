import type { ParseArgsConfig } from 'node:util';
import { CliUsageError } from '../errors.js';
import { nearest } from '../nearest.js';

/** The flags every admin command takes. */
export const ADMIN_FLAGS = {
  url: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The text of those flags in a command's `--help`. */
export const ADMIN_FLAGS_HELP = `  --url <url>       the admin's URL (http://localhost:3000/admin) or the app's (then /admin); default AIWIRE_URL
  --user <name>     admin user; default AIWIRE_ADMIN_USER. The password is read from AIWIRE_ADMIN_PASSWORD only
  --json            print the admin's JSON answer, for scripts`;

/** The first argument as one of `names`; a typo gets the nearest name suggested. */
export function subcommand<T extends string>(command: string, args: readonly string[], names: readonly T[]): { name: T; rest: string[] } {
  const [given, ...rest] = args;
  if (given === undefined || given.startsWith('-')) throw new CliUsageError(`say what to do: aiwire ${command} ${names.join('|')} (aiwire ${command} --help)`);
  if (!(names as readonly string[]).includes(given)) {
    const guess = nearest(given, names);
    throw new CliUsageError(`unknown subcommand '${given}'${guess ? ` (did you mean '${guess}'?)` : ''}; subcommands: ${names.join(', ')}`);
  }
  return { name: given as T, rest };
}


/** A whole number flag in [min, max]; undefined when absent. */
export function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new CliUsageError(`--${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

/** At most one positional argument (an id), required or not. */
export function onePositional(positionals: readonly string[], what: string, usage: string): string | undefined {
  if (positionals.length > 1) throw new CliUsageError(`one ${what} at a time; got ${positionals.length}: ${usage}`);
  return positionals[0];
}
