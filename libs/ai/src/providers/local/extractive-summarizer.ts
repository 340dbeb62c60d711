import { languageData, type LocalLanguage } from './nlp-data.js';
import { sentences, words } from './text-tokens.js';

/**
 * An extractive summary of at most `maxWords` words: sentences scored by the frequency of their
 * content words across the text (the classic Luhn approach), the first sentence slightly favoured,
 * picked best-first and given back in their original order.
 */
export function summarizeText(text: string, maxWords: number, language: LocalLanguage): string {
  const all = sentences(text);
  const flat = text.replace(/\s+/g, ' ').trim();
  if (countWords(flat) <= maxWords) return flat;
  const data = languageData(language);
  const frequency = new Map<string, number>();
  const contentOf = all.map((s) => words(s).filter((w) => w.length > 2 && !data.stopwords.has(w)).map(data.stem));
  for (const stems of contentOf) for (const s of stems) frequency.set(s, (frequency.get(s) ?? 0) + 1);
  // A loop, not Math.max(...values): spreading tens of thousands of distinct words overflows the stack.
  let top = 1;
  for (const count of frequency.values()) if (count > top) top = count;
  const scored = all.map((sentence, index) => {
    const stems = contentOf[index] ?? [];
    const weight = stems.reduce((sum, s) => sum + (frequency.get(s) ?? 0) / top, 0) / Math.sqrt(stems.length + 1);
    return { sentence, index, score: weight + (index === 0 ? 0.1 : 0), length: countWords(sentence) };
  });
  const chosen: typeof scored = [];
  let used = 0;
  for (const candidate of [...scored].sort((a, b) => b.score - a.score)) {
    if (used + candidate.length > maxWords) continue;
    chosen.push(candidate);
    used += candidate.length;
  }
  if (chosen.length === 0) return truncateWords(scored.sort((a, b) => b.score - a.score)[0]?.sentence ?? flat, maxWords);
  return chosen.sort((a, b) => a.index - b.index).map((c) => c.sentence).join(' ');
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The first `maxWords` words, with an ellipsis when something was cut. */
export function truncateWords(text: string, maxWords: number): string {
  const parts = text.split(/\s+/).filter(Boolean);
  return parts.length <= maxWords ? parts.join(' ') : `${parts.slice(0, maxWords).join(' ').replace(/[,;:.]+$/, '')}…`;
}
