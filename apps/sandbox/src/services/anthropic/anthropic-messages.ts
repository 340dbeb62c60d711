import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Reply } from '../../http/route.js';
import { invalidRequest } from './anthropic.errors.js';

/** A Messages request that passed Anthropic's validation. */
export interface MessagesCall {
  readonly model: string;
  readonly body: Record<string, unknown>;
  readonly texts: string[];
  readonly lastUserText: string;
  readonly maxTokens: number;
  /** Set when `tool_choice` forces a tool: its name and input schema. */
  readonly forcedTool?: { name: string; schema: unknown };
  /** `output_config.format.schema` (native structured outputs). */
  readonly outputSchema?: unknown;
}

/** Parses and validates `POST /v1/messages` the way Anthropic does, or answers its 400. */
export function parseMessagesCall(ctx: RequestContext): MessagesCall | Reply {
  const parsed = ctx.json();
  if (!parsed.ok || !isRecord(parsed.value)) return invalidRequest('There was an issue with the format or content of your request: the body is not valid JSON.');
  const body = parsed.value;
  if (typeof body.model !== 'string' || body.model === '') return invalidRequest('model: Field required');
  if (body.max_tokens === undefined) return invalidRequest('max_tokens: Field required');
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) return invalidRequest('max_tokens: Input should be a valid integer greater than or equal to 1');
  if (!Array.isArray(body.messages)) return invalidRequest('messages: Field required');
  if (body.messages.length === 0) return invalidRequest('messages: at least one message is required');
  const texts: string[] = [];
  const system = systemText(body.system);
  if (system === undefined) return invalidRequest('system: Input should be a valid string or a list of text blocks');
  if (system) texts.push(system);
  let lastUserText = '';
  for (const [i, message] of body.messages.entries()) {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) {
      return invalidRequest(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
    const text = blocksText(message.content);
    if (text === undefined) return invalidRequest(`messages.${i}.content: Input should be a valid string or a list of content blocks`);
    texts.push(text);
    if (message.role === 'user') lastUserText = text;
  }
  const t = body.temperature;
  if (t !== undefined && (typeof t !== 'number' || t < 0 || t > 1)) return invalidRequest('temperature: Input should be less than or equal to 1');
  const tools = toolsOf(body.tools);
  if ('status' in tools) return tools;
  const forced = forcedTool(body.tool_choice, tools.list);
  if (forced && 'status' in forced) return forced;
  const output = outputSchema(body.output_config);
  if (output && 'status' in output) return output;
  return { model: body.model, body, texts, lastUserText, maxTokens: body.max_tokens as number, forcedTool: forced, outputSchema: output?.schema };
}

function systemText(system: unknown): string | undefined {
  if (system === undefined) return '';
  return typeof system === 'string' ? system : blocksText(system);
}

function blocksText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const block of content) {
    if (!isRecord(block) || typeof block.type !== 'string') return undefined;
    if (block.type === 'text' && typeof block.text === 'string') parts.push(block.text);
    else if (block.type === 'tool_result' || block.type === 'tool_use') parts.push(JSON.stringify(block.content ?? block.input ?? ''));
  }
  return parts.join('');
}

type Tool = { name: string; schema: unknown };

function toolsOf(tools: unknown): { list: Tool[] } | Reply {
  if (tools === undefined) return { list: [] };
  if (!Array.isArray(tools)) return invalidRequest('tools: Input should be a valid list');
  const list: Tool[] = [];
  for (const [i, tool] of tools.entries()) {
    if (!isRecord(tool) || typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name)) {
      return invalidRequest(`tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    }
    if (!isRecord(tool.input_schema) || tool.input_schema.type !== 'object') return invalidRequest(`tools.${i}.input_schema.type: Input should be 'object'`);
    list.push({ name: tool.name, schema: tool.input_schema });
  }
  return { list };
}

function forcedTool(choice: unknown, tools: Tool[]): Tool | Reply | undefined {
  if (choice === undefined) return undefined;
  if (!isRecord(choice) || !['auto', 'any', 'tool', 'none'].includes(String(choice.type))) {
    return invalidRequest("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
  }
  if (choice.type === 'any' && tools[0]) return tools[0];
  if (choice.type !== 'tool') return undefined;
  if (typeof choice.name !== 'string') return invalidRequest('tool_choice.tool.name: Field required');
  const tool = tools.find((t) => t.name === choice.name);
  return tool ?? invalidRequest(`Tool '${choice.name}' not found in provided tools`);
}

function outputSchema(config: unknown): { schema: unknown } | Reply | undefined {
  if (config === undefined || !isRecord(config) || config.format === undefined) return undefined;
  const format = config.format;
  if (!isRecord(format) || format.type !== 'json_schema' || !isRecord(format.schema)) {
    return invalidRequest("output_config.format: Input should be an object with type 'json_schema' and a schema");
  }
  return { schema: format.schema };
}
