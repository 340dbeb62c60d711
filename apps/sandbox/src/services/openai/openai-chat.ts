import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Reply } from '../../http/route.js';
import { invalidRequest } from './openai.errors.js';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
/** Models that refuse `max_tokens` and want `max_completion_tokens` (reasoning models). */
const COMPLETION_TOKENS_ONLY = /^(o\d|gpt-5)/;

/** A chat completion request that passed OpenAI's validation. */
export interface ChatCall {
  readonly model: string;
  readonly body: Record<string, unknown>;
  readonly texts: string[];
  readonly lastUserText: string;
  readonly maxTokens: number | undefined;
  /** `response_format.json_schema.schema` when structured output was asked for. */
  readonly schema: unknown;
  /** `response_format: { type: 'json_object' }`. */
  readonly jsonObject: boolean;
}

const parseError =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

/** Parses and validates `POST /v1/chat/completions` the way OpenAI does, or answers its 400. */
export function parseChatCall(ctx: RequestContext): ChatCall | Reply {
  const parsed = ctx.json();
  if (!parsed.ok || !isRecord(parsed.value)) return invalidRequest(parseError);
  const body = parsed.value;
  if (typeof body.model !== 'string' || body.model === '') return invalidRequest('you must provide a model parameter');
  if (body.messages === undefined) return invalidRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(body.messages)) return invalidRequest("Invalid type for 'messages': expected an array of objects, but got a value instead.", 'messages', 'invalid_type');
  if (body.messages.length === 0) {
    return invalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  }
  const texts: string[] = [];
  let lastUserText = '';
  for (const [i, message] of body.messages.entries()) {
    if (!isRecord(message) || typeof message.role !== 'string' || !ROLES.includes(message.role)) {
      const role = isRecord(message) ? String(message.role) : 'undefined';
      return invalidRequest(`Invalid value: '${role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, `messages[${i}].role`, 'invalid_value');
    }
    const text = contentText(message.content);
    if (text === undefined) return invalidRequest(`Invalid type for 'messages[${i}].content': expected one of a string or array of objects, but got an object instead.`, `messages[${i}].content`, 'invalid_type');
    texts.push(text);
    if (message.role === 'user') lastUserText = text;
  }
  const numbers = checkNumbers(body);
  if (numbers) return numbers;
  if (body.max_tokens !== undefined && COMPLETION_TOKENS_ONLY.test(body.model)) {
    return invalidRequest("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter');
  }
  const format = responseFormat(body.response_format);
  if ('status' in format) return format;
  const maxTokens = (body.max_completion_tokens ?? body.max_tokens) as number | undefined;
  return { model: body.model, body, texts, lastUserText, maxTokens, schema: format.schema, jsonObject: format.jsonObject };
}

function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content === null) return '';
  if (!Array.isArray(content)) return undefined;
  return content.map((part) => (isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

function checkNumbers(body: Record<string, unknown>): Reply | undefined {
  const t = body.temperature;
  if (t !== undefined && (typeof t !== 'number' || t < 0 || t > 2)) {
    return invalidRequest(`Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got ${String(t)} instead.`, 'temperature', 'decimal_above_max_value');
  }
  for (const name of ['max_tokens', 'max_completion_tokens']) {
    const value = body[name];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
      return invalidRequest(`Invalid '${name}': integer below minimum value. Expected a value >= 1, but got ${String(value)} instead.`, name, 'integer_below_min_value');
    }
  }
  return undefined;
}

function responseFormat(format: unknown): { schema: unknown; jsonObject: boolean } | Reply {
  if (format === undefined) return { schema: undefined, jsonObject: false };
  if (!isRecord(format) || !['text', 'json_object', 'json_schema'].includes(String(format.type))) {
    return invalidRequest("Invalid value: 'response_format.type'. Supported values are: 'text', 'json_object', and 'json_schema'.", 'response_format.type', 'invalid_value');
  }
  if (format.type !== 'json_schema') return { schema: undefined, jsonObject: format.type === 'json_object' };
  const spec = format.json_schema;
  if (!isRecord(spec) || typeof spec.name !== 'string') {
    return invalidRequest("Missing required parameter: 'response_format.json_schema.name'.", 'response_format.json_schema.name', 'missing_required_parameter');
  }
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) {
    return invalidRequest(`Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, 'response_format.json_schema.name', 'invalid_value');
  }
  if (!isRecord(spec.schema)) return invalidRequest("Invalid schema for response_format: schema must be a JSON Schema object.", 'response_format', 'invalid_value');
  return { schema: spec.schema, jsonObject: false };
}
