import { isDeepStrictEqual } from 'node:util';
import type { CliIo } from '../command.js';
import { CliRefusedError, CliUsageError } from '../errors.js';
import { isAccepted, printSend } from './answer.js';
import { buildDelivery, type SignedDelivery } from './delivery.js';
import { parsePath } from './overrides.js';
import { postDelivery } from './post.js';
import type { Step } from './steps-file.js';
import { stepsMessages } from './steps.messages.js';
import { fillTemplates, type StepRecord } from './templates.js';

/** Runs the steps in order; stops at the first failed expectation and says why. Resolves to whether all passed. */
export async function runSteps(steps: readonly Step[], baseUrl: string, io: CliIo, options: { json: boolean; timeoutMs: number }): Promise<boolean> {
  const records: StepRecord[] = [];
  const deliveries: SignedDelivery[] = [];
  for (const [i, step] of steps.entries()) {
    const [delivery, url] = labelled(step, () => [
      step.resend !== undefined ? deliveries[step.resend]! : build(step, records),
      joinUrl(baseUrl, String(fillTemplates(step.path, records))),
    ]);
    const answer = await postDelivery(url, delivery, options.timeoutMs);
    printSend(io, { provider: step.provider.name, url, delivery, answer, duplicate: step.resend !== undefined, step: step.label }, options.json);
    deliveries.push(delivery);
    records.push({
      name: step.name,
      event: { id: delivery.id ?? null, type: delivery.event ?? null, body: delivery.body },
      response: { status: answer.status, body: answer.body, ms: answer.ms },
    });
    const problem = expectationProblem(step, answer.status, answer.body, records);
    if (problem !== undefined) {
      const left = steps.length - i - 1;
      io.stderr.write(`aiwire fixtures: ${stepsMessages.expectation(step.label, problem)}${left > 0 ? ` ${stepsMessages.notRun(left)}` : ''}\n`);
      return false;
    }
  }
  return true;
}

/** Runs `fill`, naming the step in the one-line error of a template that cannot be filled. */
function labelled<T>(step: Step, fill: () => T): T {
  try {
    return fill();
  } catch (error) {
    if (error instanceof CliUsageError) throw new CliUsageError(stepsMessages.badStep(step.label, error.message));
    if (error instanceof CliRefusedError) throw new CliRefusedError(stepsMessages.badStep(step.label, error.message));
    throw error;
  }
}

function build(step: Step, records: readonly StepRecord[]): SignedDelivery {
  // `set` values are JSON already: "837.86" stays a string, unlike `--set` on the command line.
  const overrides = Object.entries(fillTemplates(step.set, records) as Record<string, unknown>).map(([path, value]) => ({ path: parsePath(path), value }));
  const data = step.data === undefined ? undefined : fillTemplates(step.data, records);
  return buildDelivery({ provider: step.provider, event: step.event, data, overrides, header: step.header, encoding: step.encoding }, step.secret);
}

function expectationProblem(step: Step, status: number, body: unknown, records: readonly StepRecord[]): string | undefined {
  const statusOk = step.status === undefined ? isAccepted(status) : step.status.includes(status);
  if (!statusOk) return `expected status ${step.status?.join(' or ') ?? '2xx'}, got ${status} ${JSON.stringify(body)}`;
  const expected = step.body === undefined ? undefined : fillTemplates(step.body, records);
  if (expected !== undefined && !contains(body, expected)) return `expected the body to contain ${JSON.stringify(expected)}, got ${JSON.stringify(body)}`;
  return undefined;
}

/** Whether `actual` has every field of `expected` (objects compared by subset, the rest by value). */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null || Array.isArray(expected)) return isDeepStrictEqual(actual, expected);
  if (typeof actual !== 'object' || actual === null) return false;
  return Object.entries(expected).every(([key, value]) => contains((actual as Record<string, unknown>)[key], value));
}

function joinUrl(base: string, path: string): string {
  if (path === '') return base;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
