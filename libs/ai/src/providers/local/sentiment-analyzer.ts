import { languageData, type LanguageData, type LocalLanguage } from './nlp-data.js';
import { words } from './text-tokens.js';

export interface SentimentScore {
  label: 'positive' | 'neutral' | 'negative';
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  /** Lexicon words found; 0 means the model saw nothing to judge. */
  hits: number;
}

/** VADER's normalisation constant: a sum of AFINN valences s becomes s / sqrt(s² + 15). */
const ALPHA = 15;
/**
 * Below this the text is called neutral. VADER uses 0.05 with a hand-curated lexicon; the
 * machine-built Pattern and AFINN lexicons give small valences to many plain words, so one weak
 * hit (|valence| ≤ 1, score ≤ 0.25) must not decide the label.
 */
const NEUTRAL = 0.26;
/** A negation flips the valence of the next few words ("not very good"). */
const NEGATION_SPAN = 3;

const prefixIndexes = new WeakMap<LanguageData, Map<string, number>>();

/** Lexicon-based sentiment (AFINN / Pattern lexicons) with negation, normalised like VADER. */
export function analyseSentiment(text: string, language: LocalLanguage): SentimentScore {
  const data = languageData(language);
  let sum = 0;
  let hits = 0;
  let negatedFor = 0;
  for (const word of words(text)) {
    if (data.negations.has(word) || (language === 'en' && word.endsWith("n't"))) {
      negatedFor = NEGATION_SPAN;
      continue;
    }
    const value = valence(data, word);
    if (value !== undefined) {
      sum += negatedFor > 0 ? -value * 0.75 : value;
      hits += 1;
    }
    if (negatedFor > 0) negatedFor -= 1;
  }
  const score = hits === 0 ? 0 : round(sum / Math.sqrt(sum * sum + ALPHA));
  const label = score >= NEUTRAL ? 'positive' : score <= -NEUTRAL ? 'negative' : 'neutral';
  return { label, score, hits };
}

function valence(data: LanguageData, word: string): number | undefined {
  if (data.stemmed) return data.lexicon.get(data.stem(word)) ?? data.lexicon.get(word);
  const exact = data.lexicon.get(word);
  if (exact !== undefined) return exact;
  // Unstemmed lexicons (Polish, Romanian, English) list base forms: "okropne" finds "okropny".
  const index = prefixIndex(data);
  for (const cut of [1, 2]) {
    if (word.length - cut < 4) break;
    const found = index.get(word.slice(0, -cut));
    if (found !== undefined) return found;
  }
  return undefined;
}

function prefixIndex(data: LanguageData): Map<string, number> {
  let index = prefixIndexes.get(data);
  if (!index) {
    index = new Map();
    for (const [word, value] of data.lexicon) {
      for (const cut of [1, 2]) {
        const prefix = word.slice(0, -cut);
        if (prefix.length >= 4 && !index.has(prefix)) index.set(prefix, value);
      }
    }
    prefixIndexes.set(data, index);
  }
  return index;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
