import type { ChatMessage } from '../../interfaces/chat.interface.js';
import type { LocalTask } from '../../tasks/local-task.js';

const SUMMARIZE = /^\s*(?:please\s+)?(?:summari[sz]e|summary|tl;?dr)\b([^:\n]*):\s*([\s\S]+)$/i;
const SENTIMENT = /^\s*(?:what\s+is\s+the\s+)?sentiment\b[^:\n]*:\s*([\s\S]+)$/i;
const CLASSIFY = /^\s*(?:please\s+)?classify\b[^:\n]*?\b(?:into|as|among|as one of)\s+([^:\n]+):\s*([\s\S]+)$/i;
const EXTRACT = /^\s*(?:please\s+)?extract\b[^:\n]*:\s*([\s\S]+)$/i;

/**
 * The task a plain chat prompt asks `local` for, when it is one of the forms it understands:
 * `Summarize (in 30 words): …`, `Sentiment: …`, `Classify into a, b or c: …`, and with a schema
 * `Extract: …`. Anything else is not for `local`.
 */
export function recognizeTask(messages: readonly ChatMessage[], hasSchema: boolean): LocalTask | undefined {
  const last = [...messages].reverse().find((m) => m.role === 'user')?.content;
  if (last === undefined) return undefined;
  let match = SUMMARIZE.exec(last);
  if (match) {
    const words = /(\d+)\s*words?/i.exec(match[1] ?? '');
    return { kind: 'summarize', text: (match[2] ?? '').trim(), maxWords: words ? Number(words[1]) : 60 };
  }
  match = SENTIMENT.exec(last);
  if (match) return { kind: 'sentiment', text: (match[1] ?? '').trim() };
  match = CLASSIFY.exec(last);
  if (match) {
    const labels = (match[1] ?? '').split(/\s*(?:,|\bor\b|\|)\s*/i).map((l) => l.trim().replace(/^["'`]|["'`]$/g, '')).filter(Boolean);
    if (labels.length >= 2) return { kind: 'classify', text: (match[2] ?? '').trim(), labels };
  }
  match = EXTRACT.exec(last);
  if (match && hasSchema) return { kind: 'extract', text: (match[1] ?? '').trim() };
  return undefined;
}
