import { currentCorrelation } from '@aiwire/core';
import type { Logger } from 'pino';
import { redactFields } from './sensitive-fields.js';

export type LineLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Marks the fields of a line whose names are fixed and none a credential's (`event`, `source`,
 * `handler`, ...): the logger skips looking for credential-named fields in them. Their values are
 * still censored, as every line's are, by the secret censor.
 */
export const CHECKED_FIELDS: unique symbol = Symbol('aiwire.monitoring.checkedFields');

/** pino `formatters.log` of the monitoring logger: credential-named fields censored, except in lines marked `CHECKED_FIELDS`. */
export function formatLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  return (fields as { [CHECKED_FIELDS]?: true })[CHECKED_FIELDS] === true ? fields : redactFields(fields);
}

/** Writes one line when `level` is enabled; `fields` is built only then (listeners run on the hot path). */
export function writeLine(logger: Logger, level: LineLevel, fields: () => Record<string, unknown>, message: () => string): void {
  if (logger.isLevelEnabled(level)) logger[level](fields(), message());
}

/** The correlation of the work running now, else `fallback` (a webhook's own event id). */
export function correlationOr(fallback: string | undefined): string | undefined {
  return currentCorrelation()?.correlationId ?? fallback;
}

/** Milliseconds to a tenth. */
export function ms(value: number): number {
  return Math.round(value * 10) / 10;
}
