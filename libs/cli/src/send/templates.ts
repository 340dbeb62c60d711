import { CliRefusedError, CliUsageError } from '../errors.js';
import { stepsMessages } from './steps.messages.js';

/** What a later step can refer to: each earlier step's event and the app's answer to it. */
export interface StepRecord {
  readonly name?: string | undefined;
  readonly event: { readonly id: string | null; readonly type: string | null; readonly body: unknown };
  readonly response: { readonly status: number; readonly body: unknown; readonly ms: number };
}

const TEMPLATE = /\{\{\s*([^{}]+?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]+?)\s*\}\}$/;

/**
 * Fills `{{steps.<n|name>.response.body.x}}` and `{{steps.<n>.event.id}}` in every string of
 * `value` (a deep copy is returned). A string that is one template takes the referred value as it
 * is (a number stays a number, an object an object); inside longer text it is written as text.
 */
export function fillTemplates(value: unknown, steps: readonly StepRecord[]): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return lookUp(whole[1]!, value, steps);
    return value.replace(TEMPLATE, (template, path: string) => {
      const found = lookUp(path, template, steps);
      return typeof found === 'string' ? found : JSON.stringify(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillTemplates(item, steps));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillTemplates(item, steps)]));
  }
  return value;
}

/** The earlier step called `ref`: its number (from 1) or its name. */
export function stepIndex(ref: string, steps: readonly { readonly name?: string | undefined }[]): number | undefined {
  const byName = steps.findIndex((step) => step.name === ref);
  if (byName >= 0) return byName;
  const n = Number(ref);
  return Number.isInteger(n) && n >= 1 && n <= steps.length ? n - 1 : undefined;
}

function lookUp(path: string, template: string, steps: readonly StepRecord[]): unknown {
  const [root, ref, ...rest] = path.split('.');
  if (root !== 'steps' || ref === undefined) throw new CliUsageError(stepsMessages.unresolved(template, "it must start with 'steps.<n|name>.'"));
  const index = stepIndex(ref, steps);
  if (index === undefined) throw new CliUsageError(stepsMessages.unresolved(template, `no earlier step is '${ref}'`));
  let node: unknown = steps[index];
  for (const key of rest) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) {
      // The answer an earlier step got decides what is there: the run failed, the file may be right.
      throw new CliRefusedError(stepsMessages.unresolved(template, `step ${ref} has nothing at '${key}'`));
    }
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined) throw new CliRefusedError(stepsMessages.unresolved(template, 'the value is undefined'));
  return node;
}

/** Every `steps.<ref>` a value's templates name, to check before anything is sent. */
export function templateRefs(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  return [...text.matchAll(TEMPLATE)].map((match) => {
    const [root, ref] = match[1]!.split('.');
    return root === 'steps' && ref !== undefined ? ref : '';
  });
}
