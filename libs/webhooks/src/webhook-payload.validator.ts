import { WebhookPayloadValidationError } from './errors/webhook-payload-validation.error.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';
import { messages } from './webhook.messages.js';

type ValidatorModules = [typeof import('class-transformer'), typeof import('class-validator')];
type ValidationErrorLike = { property: string; constraints?: Record<string, string>; children?: ValidationErrorLike[] };

let modules: ValidatorModules | undefined;
let loading: Promise<ValidatorModules> | undefined;

/** class-validator and class-transformer are optional peers: loaded the first time a dto is used. */
async function load(handlerId: string): Promise<ValidatorModules> {
  loading ??= Promise.all([import('class-transformer'), import('class-validator')]);
  try {
    return (modules = await loading);
  } catch {
    loading = undefined;
    throw new WebhookConfigurationError(messages.classValidatorMissing(handlerId));
  }
}

/** Returns the payload as an instance of `dto`, or throws with every failed constraint. */
export async function validatePayload(handlerId: string, dto: new (...args: never[]) => object, payload: unknown): Promise<object> {
  // Once loaded, the modules are used as they are: no promise per job to reach them.
  const [transformer, validator] = modules ?? (await load(handlerId));
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new WebhookPayloadValidationError(handlerId, [messages.payloadNotObject()]);
  }
  const instance = transformer.plainToInstance(dto as new () => object, payload);
  const errors = await validator.validate(instance);
  if (errors.length > 0) throw new WebhookPayloadValidationError(handlerId, flatten(errors));
  return instance;
}

function flatten(errors: readonly ValidationErrorLike[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((text) => (parent ? `${path}: ${text}` : text));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
