import { BadRequestException } from '@nestjs/common';
import { adminMessages } from './admin.messages.js';

/** Which dead letters: every given field must equal the dead letter's (`handler` as `Class.method`). */
export interface DeadLetterFilter {
  readonly source?: string;
  readonly type?: string;
  readonly handler?: string;
}

export interface DeadLetterPage {
  readonly offset: number;
  readonly limit: number;
}

export const PAGE_DEFAULTS = { limit: 50, maxLimit: 500 } as const;

const FILTER_FIELDS = ['source', 'type', 'handler'] as const;

/**
 * `?source=&type=&handler=&offset=&limit=` of the list. Unknown fields are refused: a misspelt
 * filter must never widen what a replay touches to every dead letter.
 */
export function parseListQuery(query: Record<string, unknown>): { filter: DeadLetterFilter; page: DeadLetterPage } {
  const { offset, limit, ...rest } = query;
  return {
    filter: parseFilter(rest),
    page: {
      offset: offset === undefined ? 0 : wholeNumber('offset', offset, 0, Number.MAX_SAFE_INTEGER),
      limit: limit === undefined ? PAGE_DEFAULTS.limit : wholeNumber('limit', limit, 1, PAGE_DEFAULTS.maxLimit),
    },
  };
}

/** The replay filter: query parameters and a JSON object body, merged (the body wins). */
export function parseReplayFilter(query: Record<string, unknown>, body: unknown): DeadLetterFilter {
  const noBody = body === undefined || body === null || body === '';
  if (!noBody && (typeof body !== 'object' || Array.isArray(body))) throw new BadRequestException(adminMessages.replayBodyInvalid());
  return parseFilter({ ...query, ...(noBody ? {} : (body as Record<string, unknown>)) });
}

export function matchesFilter(filter: DeadLetterFilter, letter: { readonly source: string; readonly type: string; readonly handler: string }): boolean {
  return FILTER_FIELDS.every((field) => filter[field] === undefined || filter[field] === letter[field]);
}

function parseFilter(fields: Record<string, unknown>): DeadLetterFilter {
  const filter: { -readonly [K in keyof DeadLetterFilter]: string } = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!(FILTER_FIELDS as readonly string[]).includes(field)) throw new BadRequestException(adminMessages.unknownFilter(field));
    if (typeof value !== 'string' || value === '') throw new BadRequestException(adminMessages.badFilter(field));
    filter[field as (typeof FILTER_FIELDS)[number]] = value;
  }
  return filter;
}

function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) throw new BadRequestException(adminMessages.badPaging(field, max));
  return number;
}
