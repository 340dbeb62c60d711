import { pino, type SerializedRequest, type SerializedResponse } from 'pino';
import { redactFields } from './sensitive-fields.js';

/**
 * pino serializers that censor credential headers (`authorization`, `cookie`, `set-cookie`, every
 * `*-signature*` and `*-hmac-*`, `x-api-key`, `*-token`): a request or response (pino-http's lines,
 * or one logged as `{ req }` / `{ res }`), and a bare `{ headers }` object; and credential fields
 * an error carries (an HTTP client's `config.headers.Authorization`, a `token` property).
 */
export const LOG_SERIALIZERS = {
  req: (req: Parameters<typeof pino.stdSerializers.req>[0]): SerializedRequest => withHeaders(pino.stdSerializers.req(req)),
  res: (res: Parameters<typeof pino.stdSerializers.res>[0]): SerializedResponse => withHeaders(pino.stdSerializers.res(res)),
  headers: (headers: unknown): unknown => redactFields(headers, 0),
  err: (error: Error): unknown => redactFields({ ...pino.stdSerializers.err(error) }),
};

function withHeaders<T extends { headers: Record<string, unknown> }>(serialized: T): T {
  const headers = redactFields(serialized.headers, 0);
  if (headers !== serialized.headers) serialized.headers = headers;
  return serialized;
}
