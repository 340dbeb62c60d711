import { AiOutputValidationError } from '../errors/ai-output-validation.error.js';
import type { ProviderReply } from '../providers/ai-provider.interface.js';
import type { PreparedRequest } from './prepared-request.js';

/** The validated structured output of a reply (undefined without a schema); AiOutputValidationError otherwise. */
export async function checkOutput(provider: string, request: PreparedRequest, reply: ProviderReply): Promise<unknown> {
  if (!request.output) return undefined;
  let raw = reply.structured;
  if (raw === undefined) {
    try {
      raw = JSON.parse(reply.text);
    } catch {
      throw new AiOutputValidationError(provider, ['(root) is not valid JSON']);
    }
  }
  const { value, errors } = await request.output.validate(raw);
  if (errors.length > 0) throw new AiOutputValidationError(provider, errors);
  return value;
}
