import type { CliIo } from '../command.js';
import { painter } from '../output/style.js';
import type { SignedDelivery } from './delivery.js';
import type { Answer } from './post.js';

/** One send as it is reported: what was sent, where, and what came back. */
export interface SendReport {
  readonly provider: string;
  readonly url: string;
  readonly delivery: SignedDelivery;
  readonly answer: Answer;
  /** The second send of the same delivery (`--duplicate`). */
  readonly duplicate?: boolean;
  /** A `fixtures run` step's name or number. */
  readonly step?: string;
}

// People read the start of a body; `--json` keeps all of it.
const BODY_PREVIEW = 600;

export const isAccepted = (status: number): boolean => status >= 200 && status < 300;

/** Writes one send: a few lines for people, or one JSON object per line with `json`. */
export function printSend(io: CliIo, report: SendReport, json: boolean): void {
  const { delivery, answer } = report;
  if (json) {
    io.stdout.write(`${JSON.stringify({
      ...(report.step !== undefined && { step: report.step }),
      provider: report.provider,
      event: delivery.event ?? null,
      id: delivery.id ?? null,
      url: report.url,
      duplicate: report.duplicate === true,
      status: answer.status,
      ok: isAccepted(answer.status),
      ms: answer.ms,
      body: answer.body,
    })}\n`);
    return;
  }
  const paint = painter(io);
  const what = [report.step && `step ${report.step}:`, report.provider, delivery.event, delivery.id, report.duplicate && paint('yellow', '(duplicate)')]
    .filter(Boolean)
    .join(' ');
  const status = `${answer.status} ${answer.statusText}`.trim();
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  io.stdout.write(`${paint('dim', '→')} ${what} ${paint('dim', `→ ${report.url}`)}\n`);
  io.stdout.write(`${paint('dim', '←')} ${paint(isAccepted(answer.status) ? 'green' : 'red', status)}  ${answer.ms} ms\n`);
  if (body.length > 0) io.stdout.write(`  ${body.length > BODY_PREVIEW ? `${body.slice(0, BODY_PREVIEW)}…` : body}\n`);
}

/** After several sends, one line for people: how many went out and how many were accepted. */
export function printSummary(io: CliIo, statuses: readonly number[]): void {
  const accepted = statuses.filter(isAccepted).length;
  const refused = statuses.length - accepted;
  io.stdout.write(`${statuses.length} sent: ${accepted} answered 2xx${refused > 0 ? `, ${painter(io)('red', `${refused} did not`)}` : ''}\n`);
}
