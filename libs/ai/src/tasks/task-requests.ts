import type { ChatMessage, JsonSchema } from '../interfaces/chat.interface.js';
import type { LocalTask } from './local-task.js';

/** What a task helper asks: the prompt LLMs get, the schema of the answer, and the task `local` runs. */
export interface TaskRequest {
  messages: ChatMessage[];
  schema?: JsonSchema;
  schemaName?: string;
  task: LocalTask;
  maxTokens: number;
}

/**
 * The JSON Schema of a `sentiment()` answer (label, score in -1..1, language), as sent to LLM providers.
 * @publicApi
 */
export const SENTIMENT_SCHEMA: JsonSchema = Object.freeze({
  type: 'object',
  properties: {
    label: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
    score: { type: 'number', minimum: -1, maximum: 1, description: '-1 very negative .. 1 very positive' },
    language: { type: 'string', description: 'ISO 639-1 code of the text language' },
  },
  required: ['label', 'score', 'language'],
  additionalProperties: false,
});

export function sentimentTask(text: string, language?: string): TaskRequest {
  return {
    messages: [
      { role: 'system', content: 'You rate the sentiment of the text the user sends. Answer only with the requested JSON: label, a score from -1 (very negative) to 1 (very positive), and the ISO 639-1 code of its language.' },
      { role: 'user', content: text },
    ],
    schema: SENTIMENT_SCHEMA,
    schemaName: 'sentiment',
    task: { kind: 'sentiment', text, ...(language !== undefined && { language }) },
    maxTokens: 100,
  };
}

const classifySchemas = new Map<string, JsonSchema>();

export function classifyTask(text: string, labels: readonly string[]): TaskRequest {
  const key = JSON.stringify(labels);
  let schema = classifySchemas.get(key);
  if (!schema) {
    schema = Object.freeze({
      type: 'object',
      properties: { label: { type: 'string', enum: [...labels] }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
      required: ['label', 'confidence'],
      additionalProperties: false,
    });
    // A handful of label sets is normal; an unbounded number is a caller building them per text.
    if (classifySchemas.size >= 200) classifySchemas.clear();
    classifySchemas.set(key, schema);
  }
  return {
    messages: [
      { role: 'system', content: `Classify the text the user sends into exactly one of these labels: ${labels.join(', ')}. Answer only with the requested JSON: the label and your confidence from 0 to 1.` },
      { role: 'user', content: text },
    ],
    schema,
    schemaName: 'classification',
    task: { kind: 'classify', text, labels },
    maxTokens: 100,
  };
}

export function summarizeTask(text: string, maxWords: number): TaskRequest {
  return {
    messages: [
      { role: 'system', content: `Summarize the text the user sends in at most ${maxWords} words, in the language of the text. Answer with the summary only.` },
      { role: 'user', content: text },
    ],
    task: { kind: 'summarize', text, maxWords },
    maxTokens: Math.ceil(maxWords * 2.5) + 20,
  };
}

export function extractTask(text: string): TaskRequest {
  return {
    messages: [
      { role: 'system', content: 'Extract from the text the user sends the fields of the requested JSON structure. Use only what the text says; leave out optional fields it does not mention.' },
      { role: 'user', content: text },
    ],
    task: { kind: 'extract', text },
    maxTokens: 1024,
  };
}
