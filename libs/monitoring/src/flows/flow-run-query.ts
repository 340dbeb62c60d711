import { BadRequestException } from '@nestjs/common';
import type { FlowRunFilter, FlowRunStatus } from '@aiwire/flows';
import { FLOWS_VIEW, RUN_STATUSES } from './flows.constants.js';
import { flowsMessages } from './flows.messages.js';

/** The list filter with its page always set (the pages link to the next one). */
export interface RunQuery extends FlowRunFilter {
  readonly status?: readonly FlowRunStatus[];
  readonly since?: string;
  readonly offset: number;
  readonly limit: number;
}

const FIELDS = new Set(['flow', 'status', 'since', 'offset', 'limit']);
/** A date (`2026-12-02`) or a date-time with its zone (`2026-12-02T16:00:00Z`, `...+01:00`). */
const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * `?flow=&status=&since=&offset=&limit=`: `status` one or several (repeated or comma-separated).
 * Unknown fields and bad values are refused with a 400 saying what to send. `blankIsAbsent`: the
 * pages' filter form sends every field, empty when not chosen.
 */
export function parseRunQuery(query: Record<string, unknown>, blankIsAbsent = false): RunQuery {
  const given = Object.entries(query).filter(([, value]) => !(blankIsAbsent && value === ''));
  for (const [field] of given) if (!FIELDS.has(field)) throw new BadRequestException(flowsMessages.unknownFilter(field));
  const { flow, status, since, offset, limit } = Object.fromEntries(given) as Record<string, unknown>;
  return {
    ...(flow !== undefined && { flow: oneString(flow, flowsMessages.badFlow()) }),
    ...(status !== undefined && { status: statuses(status) }),
    ...(since !== undefined && { since: isoDate(since) }),
    offset: offset === undefined ? 0 : wholeNumber('offset', offset, 0, Number.MAX_SAFE_INTEGER),
    limit: limit === undefined ? FLOWS_VIEW.page.limit : wholeNumber('limit', limit, 1, FLOWS_VIEW.page.maxLimit),
  };
}

/** `{ fromStep? }` of a replay: an empty body, or a JSON object. */
export function parseReplayBody(body: unknown): { fromStep?: string } {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException(flowsMessages.replayBodyInvalid());
  const { fromStep, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new BadRequestException(flowsMessages.replayBodyInvalid());
  return fromStep === undefined ? {} : { fromStep: oneString(fromStep, flowsMessages.badFromStep()) };
}

function oneString(value: unknown, message: string): string {
  if (typeof value !== 'string' || value === '') throw new BadRequestException(message);
  return value;
}

function statuses(value: unknown): FlowRunStatus[] {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [String(v)]));
  for (const part of parts) if (!(RUN_STATUSES as readonly string[]).includes(part)) throw new BadRequestException(flowsMessages.badStatus(part, RUN_STATUSES));
  return [...new Set(parts as FlowRunStatus[])];
}

function isoDate(value: unknown): string {
  const time = typeof value === 'string' && ISO.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new BadRequestException(flowsMessages.badSince());
  return new Date(time).toISOString();
}

function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) throw new BadRequestException(flowsMessages.badPaging(field, max));
  return number;
}
