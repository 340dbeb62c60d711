import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

/** A webhook payload that does not match its flow's DTO: the run fails at once with every failed constraint, nothing applied. */
export class InvalidFlowInputError extends Error {
  override readonly name = 'InvalidFlowInputError';

  constructor(readonly flow: string, readonly problems: readonly string[]) {
    super(`The ${flow} flow's input is invalid: ${problems.join('; ')}. Nothing was applied; fix the sender, then replay the run.`);
  }
}

/**
 * The flow's input as an instance of `dto`, validated with class-validator (whitelisted, nested).
 * Call it before the first step: a run whose input is invalid fails before any side effect, and
 * the same input fails the same way on every re-run.
 */
export async function flowInput<T extends object>(flow: string, dto: new () => T, input: unknown): Promise<T> {
  if (input === null || typeof input !== 'object') throw new InvalidFlowInputError(flow, [`expected a JSON object, got ${input === null ? 'null' : typeof input}`]);
  const instance = plainToInstance(dto, input);
  const errors = await validate(instance, { forbidUnknownValues: true });
  if (errors.length > 0) throw new InvalidFlowInputError(flow, flatten(errors));
  return instance;
}

function flatten(errors: readonly ValidationError[], path = ''): string[] {
  return errors.flatMap((e) => {
    const at = path ? `${path}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((c) => c.replace(e.property, at)), ...flatten(e.children ?? [], at)];
  });
}
