import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ProviderFixtures } from '../fixtures/fixture.interface.js';
import { CliUsageError } from '../errors.js';
import { PROVIDER_NAMES } from '../fixtures/providers.js';
import { parseJson, readDataFlag } from './body-input.js';
import { checkEvent, lookUpProvider } from './event-lookup.js';
import { checkSecret } from './secret.js';
import { hmacOptions } from './send-options.js';
import { stepsMessages } from './steps.messages.js';
import { stepIndex, templateRefs } from './templates.js';

/** One step as written in the file (see `aiwire fixtures --help`). */
interface StepInput {
  name?: string; provider?: string; event?: string; path?: string; secret?: string; secretEnv?: string;
  set?: Record<string, unknown>; data?: unknown; header?: string; encoding?: string;
  resend?: string | number; expect?: { status?: number | number[]; body?: unknown };
}

/** One step, checked: everything that can be wrong with it without sending is refused before the first send. */
export interface Step {
  readonly label: string;
  readonly name: string | undefined;
  readonly provider: ProviderFixtures;
  readonly event: string | undefined;
  readonly path: string;
  readonly secret: string;
  readonly set: Readonly<Record<string, unknown>>;
  readonly data: unknown;
  readonly header?: string;
  readonly encoding?: 'hex' | 'base64';
  /** The index of the earlier step whose delivery is sent again, byte for byte. */
  readonly resend: number | undefined;
  /** Accepted statuses; undefined: any 2xx. */
  readonly status: readonly number[] | undefined;
  /** A subset the answer's JSON body must contain. */
  readonly body: unknown;
}

const FIELDS = ['name', 'provider', 'event', 'path', 'secret', 'secretEnv', 'set', 'data', 'header', 'encoding', 'resend', 'expect'];

/** Reads and checks a steps file; `fallbackSecret` is the command line's (--secret, --secret-file, AIWIRE_SECRET). */
export async function readSteps(path: string, env: CliEnv, fallbackSecret: string | undefined): Promise<Step[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(stepsMessages.fileUnreadable(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'unreadable'));
  }
  const json = parseJson(text, path);
  const list = Array.isArray(json) ? json : (json as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(list) || list.length === 0) throw new CliUsageError(stepsMessages.notSteps(path));
  const steps: Step[] = [];
  for (const [i, input] of list.entries()) {
    const label = typeof (input as StepInput | null)?.name === 'string' ? `${i + 1} (${(input as StepInput).name})` : String(i + 1);
    try {
      steps.push(await checkStep(input, label, steps, dirname(path), env, fallbackSecret));
    } catch (error) {
      if (error instanceof CliUsageError) throw new CliUsageError(stepsMessages.badStep(label, error.message));
      throw error;
    }
  }
  return steps;
}

type CliEnv = Readonly<Record<string, string | undefined>>;

async function checkStep(raw: unknown, label: string, earlier: readonly Step[], base: string, env: CliEnv, fallbackSecret: string | undefined): Promise<Step> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CliUsageError(stepsMessages.notObject());
  const unknown = Object.keys(raw).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) throw new CliUsageError(stepsMessages.unknownField(unknown, FIELDS));
  const input = raw as StepInput;
  for (const field of ['name', 'provider', 'event', 'path', 'secret', 'secretEnv', 'header', 'encoding'] as const) {
    if (input[field] !== undefined && typeof input[field] !== 'string') throw new CliUsageError(stepsMessages.badField(field, 'a string'));
  }
  if (input.name !== undefined && earlier.some((step) => step.name === input.name)) throw new CliUsageError(stepsMessages.duplicateName(input.name));
  const resend = input.resend === undefined ? undefined : stepIndex(String(input.resend), earlier);
  if (input.resend !== undefined && resend === undefined) throw new CliUsageError(stepsMessages.resendUnknown(String(input.resend)));
  const source = resend === undefined ? undefined : earlier[resend];
  if (source === undefined && input.provider === undefined) throw new CliUsageError(stepsMessages.badField('provider', `one of ${PROVIDER_NAMES.join(', ')}`));
  const provider = source?.provider ?? lookUpProvider(input.provider!);
  if (input.set !== undefined && (typeof input.set !== 'object' || input.set === null || Array.isArray(input.set))) {
    throw new CliUsageError(stepsMessages.badField('set', 'an object of "path": value'));
  }
  const data = typeof input.data === 'string' && input.data.startsWith('@') ? (await readDataFlag(`@${resolve(base, input.data.slice(1))}`)).json : input.data;
  if (source === undefined) checkEvent(provider, input.event, data !== undefined);
  for (const ref of templateRefs([input.path, input.set, data, input.expect])) {
    if (stepIndex(ref, earlier) === undefined) throw new CliUsageError(stepsMessages.templateUnknown(ref));
  }
  const secretFromEnv = input.secretEnv === undefined ? undefined : env[input.secretEnv];
  if (input.secretEnv !== undefined && !secretFromEnv) throw new CliUsageError(stepsMessages.missingSecretEnv(input.secretEnv));
  return {
    label,
    name: input.name,
    provider,
    event: source?.event ?? input.event,
    path: input.path ?? '',
    secret: source?.secret ?? checkSecret(provider, input.secret ?? secretFromEnv ?? fallbackSecret),
    set: input.set ?? {},
    data,
    ...hmacOptions(provider.name, input.header, input.encoding),
    resend,
    ...checkExpect(input.expect),
  };
}

function checkExpect(expect: StepInput['expect']): Pick<Step, 'status' | 'body'> {
  if (expect === undefined) return { status: undefined, body: undefined };
  const statuses = typeof expect === 'number' ? [expect] : Array.isArray(expect?.status) ? expect.status : expect?.status === undefined ? undefined : [expect.status];
  if (typeof expect !== 'number' && (typeof expect !== 'object' || expect === null)) throw new CliUsageError(stepsMessages.badField('expect', '{ "status": 202 }'));
  if (statuses !== undefined && !statuses.every((s) => Number.isInteger(s) && s >= 100 && s <= 599)) {
    throw new CliUsageError(stepsMessages.badField('expect.status', 'an HTTP status or a list of them'));
  }
  return { status: statuses, body: typeof expect === 'number' ? undefined : expect.body };
}
