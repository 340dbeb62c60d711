import type { ParsedResponse } from '../dialects/provider-dialect.interface.js';
import { messages } from '../connectors.messages.js';
import { ConnectorHttpError } from '../errors/connector-http.error.js';
import type { ConnectorResponse } from '../interfaces/request-options.interface.js';
import type { CallIdentity } from './http-error.factory.js';
import type { Redactor } from './redactor.js';

/**
 * The successful answer as the caller gets it, after response validation: a JSON body that does
 * not parse, or that the caller's `validate` refuses, fails the call with `invalid_response`.
 */
export function toResponse<T>(
  id: CallIdentity,
  res: ParsedResponse,
  attempts: number,
  requestId: string | undefined,
  validate: ((body: unknown) => T) | undefined,
  redactor: Redactor,
): ConnectorResponse<T> {
  const invalid = (what: string, cause?: unknown): ConnectorHttpError =>
    new ConnectorHttpError(
      { ...id, status: res.status, code: 'invalid_response', attempts, ...(requestId && { requestId }), ...(cause !== undefined && { cause }) },
      messages.invalidResponse(`${id.service} ${id.method} ${id.endpoint}`, res.status, what),
    );
  if (/[/+]json\b/i.test(res.headers['content-type'] ?? '') && typeof res.body === 'string') throw invalid('a body that is not valid JSON');
  let data: T;
  try {
    data = validate ? validate(res.body) : (res.body as T);
  } catch (error) {
    throw invalid(`a body that failed validation (${redactor.scrub((error as Error).message ?? String(error)).slice(0, 300)})`, redactor.scrubError(error));
  }
  return { status: res.status, headers: res.headers, data, attempts, ...(requestId && { requestId }) };
}
