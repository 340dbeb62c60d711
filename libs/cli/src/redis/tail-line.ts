import type { Colour } from '../output/style.js';

/** What `tailPart` of @aiwire/monitoring publishes on `<prefix>:tail`. */
export interface TailEnvelope {
  readonly channel: string;
  readonly at: string;
  readonly message: Record<string, unknown>;
}

/** One printed line: time, kind, who (webhook source, flow, AI provider, connector), what (type, step, model, operation), outcome, ms. */
export interface TailLine {
  readonly at: string;
  readonly kind: string;
  readonly who: string;
  readonly what: string;
  readonly outcome: string;
  readonly ms: number | undefined;
}

const str = (value: unknown, fallback = '-'): string => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : fallback);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const attr = (m: Record<string, unknown>, name: string): unknown => (m.attributes as Record<string, unknown> | undefined)?.[name];

type Reader = (m: Record<string, unknown>) => Omit<TailLine, 'at'>;

/** By diagnostics channel: how its message reads as a line. A channel not listed is shown by name. */
const READERS: Readonly<Record<string, Reader>> = {
  'aiwire:webhook:intake': (m) => ({ kind: 'webhook', who: str(m.source), what: str(m.type), outcome: `${str(m.outcome)} ${str(m.status, '')}`.trim(), ms: num(m.durationMs) }),
  'aiwire:webhook:execution': (m) => ({
    kind: 'handler', who: str(m.source), what: `${str(m.type)} ${str(m.handler)}`, outcome: `${str(m.outcome)}${num(m.attempt) ? ` #${str(m.attempt)}` : ''}${m.error ? `: ${str(m.error)}` : ''}`, ms: num(m.durationMs),
  }),
  'aiwire:flow:run': (m) => ({ kind: 'flow', who: str(m.flow), what: str(m.runId), outcome: `${str(m.status)}${m.error ? `: ${str(m.error)}` : ''}`, ms: num(m.durationMs) }),
  'aiwire:flow:step': (m) => ({
    kind: 'step', who: str(m.flow), what: `${str(m.step)}${m.kind && m.kind !== 'step' ? ` (${str(m.kind)})` : ''}`, outcome: `${str(m.outcome)}${num(m.attempt) && m.attempt !== 1 ? ` #${str(m.attempt)}` : ''}${m.error ? `: ${str(m.error)}` : ''}`, ms: num(m.durationMs),
  }),
  'aiwire:ai:request': (m) => ({
    kind: 'ai', who: str(m.provider), what: str(attr(m, 'gen_ai.request.model')), outcome: `${str(m.outcome)}${m.cached ? ' (cached)' : ''}${num(m.costUsd) ? ` $${(m.costUsd as number).toFixed(4)}` : ''}`, ms: num(m.latencyMs),
  }),
  'aiwire:http:call': (m) => ({
    kind: 'http', who: str(attr(m, 'aiwire.connector.name')), what: str(attr(m, 'aiwire.operation'), `${str(attr(m, 'http.request.method'))} ${str(attr(m, 'url.template'))}`),
    outcome: `${str(m.outcome)}${num(attr(m, 'http.response.status_code')) ? ` ${str(attr(m, 'http.response.status_code'))}` : ''}`, ms: num(m.durationMs),
  }),
};

/** The line of one published envelope; undefined when it is not one (another publisher on the channel). */
export function readEnvelope(raw: string): TailLine | undefined {
  let envelope: TailEnvelope;
  try {
    envelope = JSON.parse(raw) as TailEnvelope;
  } catch {
    return undefined;
  }
  if (typeof envelope?.channel !== 'string' || typeof envelope.message !== 'object' || envelope.message === null) return undefined;
  const read = READERS[envelope.channel] ?? ((): Omit<TailLine, 'at'> => ({ kind: envelope.channel.replace(/^aiwire:/, ''), who: '-', what: '-', outcome: '-', ms: undefined }));
  return { at: str(envelope.at, new Date().toISOString()), ...read(envelope.message) };
}

const OUTCOME_COLOUR: ReadonlyArray<[RegExp, Colour]> = [
  [/^(accepted|completed|success)/, 'green'],
  [/^(retrying|retry|duplicate|parked|sleeping|waiting|queued|started|running|resumed)/, 'yellow'],
  [/^(dead|failed|error|invalid|rate_limited|unavailable|cancelled|not_found|forbidden|payload)/, 'red'],
];

/** `16:45:03.120  webhook  stripe   payment_intent.succeeded  accepted 202  3 ms`, in fixed-width columns. */
export function formatLine(line: TailLine, paint: (colour: Colour, text: string) => string): string {
  const time = line.at.length >= 23 ? line.at.slice(11, 23) : line.at;
  const colour = OUTCOME_COLOUR.find(([pattern]) => pattern.test(line.outcome))?.[1];
  const outcome = colour ? paint(colour, line.outcome) : line.outcome;
  const ms = line.ms === undefined ? '' : `${line.ms < 10 ? line.ms.toFixed(1) : Math.round(line.ms)} ms`;
  return `${paint('grey', time)}  ${line.kind.padEnd(7)}  ${line.who.padEnd(12)}  ${line.what.padEnd(28)}  ${outcome}${ms ? `  ${paint('dim', ms)}` : ''}`;
}
