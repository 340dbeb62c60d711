import { languageData, type LocalLanguage } from './nlp-data.js';
import { words } from './text-tokens.js';

/** The `limit` most frequent content words (stopwords and short words left out), first spelling kept. */
export function keywords(text: string, language: LocalLanguage, limit: number): string[] {
  const data = languageData(language);
  const counts = new Map<string, { word: string; count: number; first: number }>();
  words(text).forEach((word, index) => {
    if (word.length < 3 || data.stopwords.has(word)) return;
    const stem = data.stem(word);
    const entry = counts.get(stem);
    if (entry) entry.count += 1;
    else counts.set(stem, { word, count: 1, first: index });
  });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first).slice(0, limit).map((e) => e.word);
}
