import type { ChatMessage } from '../../interfaces/chat.interface.js';
import type { LocalTask } from '../../tasks/local-task.js';

// Anchored at the start, and each optional part is followed by something it cannot match, so these
// run in linear time whatever the prompt (the classify header is parsed in code for the same reason).
const SUMMARIZE = /^\s*(?:please\s+)?(?:summari[sz]e|summary|tl;?dr)\b([^:\n]*):\s*([\s\S]+)$/i;
const SENTIMENT = /^\s*(?:what\s+is\s+the\s+)?sentiment\b[^:\n]*:\s*([\s\S]+)$/i;
const CLASSIFY = /^\s*(?:please\s+)?classify\b/i;
const LABELS_START = /\b(?:into|as one of|as|among)\s+/i;
const EXTRACT = /^\s*(?:please\s+)?extract\b[^:\n]*:\s*([\s\S]+)$/i;
const MAX_WORDS = /(?<!\d)(\d+)\s*words?/i;

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
    const words = MAX_WORDS.exec(match[1] ?? '');
    return { kind: 'summarize', text: (match[2] ?? '').trim(), maxWords: words ? Number(words[1]) : 60 };
  }
  match = SENTIMENT.exec(last);
  if (match) return { kind: 'sentiment', text: (match[1] ?? '').trim() };
  const classify = recognizeClassify(last);
  if (classify) return classify;
  match = EXTRACT.exec(last);
  if (match && hasSchema) return { kind: 'extract', text: (match[1] ?? '').trim() };
  return undefined;
}

/** `Classify [this ticket] into|as|among|as one of a, b or c: text`, the header on the first line. */
function recognizeClassify(prompt: string): LocalTask | undefined {
  const start = CLASSIFY.exec(prompt);
  if (!start) return undefined;
  const colon = prompt.indexOf(':');
  const newline = prompt.indexOf('\n');
  if (colon < 0 || (newline >= 0 && newline < colon)) return undefined;
  const header = prompt.slice(start[0].length, colon);
  const into = LABELS_START.exec(header);
  if (!into) return undefined;
  const labels = header
    .slice(into.index + into[0].length)
    .split(/,|\bor\b|\|/i)
    .map((l) => l.trim().replace(/^["'`]|["'`]$/g, ''))
    .filter(Boolean);
  const text = prompt.slice(colon + 1).trim();
  return labels.length >= 2 && text.length > 0 ? { kind: 'classify', text, labels } : undefined;
}
