import type { CliIo } from '../command.js';

/** Colours only on a TTY, never with NO_COLOR (https://no-color.org) or TERM=dumb; FORCE_COLOR=1 forces them. */
export function useColour(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  if (io.env.TERM === 'dumb') return false;
  return (io.stdout as { isTTY?: boolean }).isTTY === true;
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, grey: 90, bold: 1, dim: 2 } as const;
export type Colour = keyof typeof CODES;

/** `paint('green', text)` when colours are on, `text` otherwise. */
export function painter(io: CliIo): (colour: Colour, text: string) => string {
  return useColour(io) ? (colour, text) => `\u001b[${CODES[colour]}m${text}\u001b[0m` : (_colour, text) => text;
}

// oxlint-disable-next-line no-control-regex -- strips the colour codes this file writes
const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a cell (colour codes do not count). */
export function visibleWidth(text: string): number {
  return text.replace(ANSI, '').length;
}

/** Rows aligned in columns under a header, two spaces apart; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => visibleWidth(r[i] ?? ''))));
  return all
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleWidth(cell)))).join('  '))
    .join('\n');
}
