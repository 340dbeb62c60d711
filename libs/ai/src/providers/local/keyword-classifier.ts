import { CATCH_ALL_LABELS, CLASSIFIER_SEEDS } from './classifier-seeds.js';
import { languageData, type LocalLanguage } from './nlp-data.js';
import { words } from './text-tokens.js';

export interface LabelHints {
  keywords?: readonly string[];
  examples?: readonly string[];
}

export interface Classification {
  label: string;
  confidence: number;
}

/** Keywords count this many times an example word does: they are what the user said matters. */
const KEYWORD_WEIGHT = 3;

/**
 * Multinomial naive Bayes over word stems, trained on the spot from each label's name, the
 * built-in seeds, and the caller's keywords and examples (Laplace smoothing, uniform priors).
 * Undefined when no word of the text is known to any label and no catch-all label exists.
 */
export function classifyText(text: string, labels: readonly string[], hints: Readonly<Record<string, LabelHints>>, language: LocalLanguage): Classification | undefined {
  const english = languageData('en');
  const own = languageData(language);
  const counts = labels.map((label) => labelCounts(label, hints[label] ?? hints[label.toLowerCase()] ?? {}, english.stem));
  const vocabulary = new Set(counts.flatMap((c) => [...c.keys()]));
  const stems = words(text)
    .filter((w) => !own.stopwords.has(w))
    .flatMap((w) => [...new Set([own.stem(w), english.stem(w)])])
    .filter((s) => vocabulary.has(s));
  if (stems.length === 0) return catchAll(labels);
  const logs = counts.map((c) => {
    const total = [...c.values()].reduce((a, b) => a + b, 0);
    return stems.reduce((sum, s) => sum + Math.log(((c.get(s) ?? 0) + 1) / (total + vocabulary.size)), 0);
  });
  const max = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - max));
  const sum = weights.reduce((a, b) => a + b, 0);
  const best = weights.indexOf(Math.max(...weights));
  return { label: labels[best] ?? '', confidence: Math.round(((weights[best] ?? 0) / sum) * 1000) / 1000 };
}

function labelCounts(label: string, hints: LabelHints, stem: (w: string) => string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (word: string, weight: number): void => {
    const s = stem(word);
    counts.set(s, (counts.get(s) ?? 0) + weight);
  };
  const name = label.toLowerCase();
  for (const w of words(name)) add(w, KEYWORD_WEIGHT);
  for (const w of CLASSIFIER_SEEDS[name] ?? []) add(w, KEYWORD_WEIGHT);
  for (const keyword of hints.keywords ?? []) for (const w of words(keyword)) add(w, KEYWORD_WEIGHT);
  for (const example of hints.examples ?? []) for (const w of words(example)) add(w, 1);
  return counts;
}

function catchAll(labels: readonly string[]): Classification | undefined {
  const label = labels.find((l) => CATCH_ALL_LABELS.has(l.toLowerCase()));
  return label === undefined ? undefined : { label, confidence: Math.round((1 / labels.length) * 1000) / 1000 };
}
