import { isCatchAll, labelConcepts, labelWords } from './classifier-seeds.js';
import { CueIndex } from './cue-index.js';
import { domainLexicon } from './domain-lexicon.js';
import type { Concept } from './lexicon/language-lexicon.js';
import { LOCAL_LANGUAGES, languageData, type LocalLanguage } from './nlp-data.js';
import { analyseSentiment } from './sentiment-analyzer.js';
import { words } from './text-tokens.js';

export interface LabelHints {
  keywords?: readonly string[];
  examples?: readonly string[];
}

export interface Classification {
  label: string;
  confidence: number;
}

/** Log-odds one keyword adds: a keyword counts as three example words (naive Bayes, Laplace 1). */
const KEYWORD = Math.log(4);
/** Log-odds a clearly positive (negative) text adds to `praise` (`complaint`), at score ±1. */
const SENTIMENT = 2.5;
/**
 * Subjects a text can be about besides the caller's labels. When none of the labels names one and
 * its words outnumber those of every label, the text is about something else: the catch-all label
 * takes that evidence ("change my password and e-mail address" is `other`, not `shipping` for "address").
 * Modifiers (urgent, question, gift, …) are not subjects: they never pull a text away from its topic.
 */
const OTHER_SUBJECTS: readonly Concept[] = ['account', 'technical', 'spam', 'sales'];

interface LabelModel {
  readonly concepts: ReadonlySet<Concept>;
  readonly own: CueIndex<number>;
}

/**
 * Naive-Bayes-style evidence over words: each word of the text that points to a label adds log-odds
 * (built-in multilingual words of the concepts the label names, the label's own words, the caller's
 * keywords and examples); `question` also counts a question mark, `praise` and `complaint` the
 * sentiment. Confidence is the softmax of the evidence. `language` undefined means unknown: the
 * words of all six languages count. Undefined when nothing points anywhere and no catch-all label exists.
 */
export function classifyText(text: string, labels: readonly string[], hints: Readonly<Record<string, LabelHints>>, language: LocalLanguage | undefined): Classification | undefined {
  const languages: readonly LocalLanguage[] = language === undefined ? LOCAL_LANGUAGES : [...new Set<LocalLanguage>([language, 'en'])];
  const models = labels.map((label) => (isCatchAll(label) ? undefined : labelModel(label, hints[label] ?? hints[label.toLowerCase()] ?? {}, languages)));
  const tokens = tokenConcepts(text, languages);
  const evidence = models.map((model) => (model ? wordEvidence(model, tokens) : 0));
  const wants = (concept: Concept): boolean => models.some((m) => m?.concepts.has(concept));
  const mood = wants('praise') || wants('complaint') ? analyseSentiment(text, language ?? 'en').score : 0;
  models.forEach((model, i) => {
    if (!model) return;
    if (model.concepts.has('question') && text.includes('?')) evidence[i] = (evidence[i] ?? 0) + KEYWORD;
    if (model.concepts.has('praise')) evidence[i] = (evidence[i] ?? 0) + SENTIMENT * Math.max(0, mood);
    if (model.concepts.has('complaint')) evidence[i] = (evidence[i] ?? 0) + SENTIMENT * Math.max(0, -mood);
  });
  const other = labels.findIndex(isCatchAll);
  if (other >= 0) evidence[other] = elsewhereEvidence(tokens, wants);
  const max = Math.max(...evidence);
  if (!(max > 0)) return catchAll(labels);
  const weights = evidence.map((e) => Math.exp(e - max));
  const sum = weights.reduce((a, b) => a + b, 0);
  // A tie goes to a topic label: the catch-all wins only on more evidence.
  const topical = evidence.findIndex((e, i) => e === max && i !== other);
  const best = topical >= 0 ? topical : other;
  return { label: labels[best] ?? '', confidence: Math.round((1 / sum) * 1000) / 1000 };
}

interface Token {
  readonly count: number;
  readonly concepts: ReadonlySet<Concept>;
}

/** Each distinct word of the text, how often it occurs and the concepts it points to in `languages`. */
function tokenConcepts(text: string, languages: readonly LocalLanguage[]): Map<string, Token> {
  const counts = new Map<string, number>();
  for (const word of words(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const tokens = new Map<string, Token>();
  for (const [word, count] of counts) {
    const concepts = new Set<Concept>();
    for (const language of languages) for (const set of domainLexicon(language).topics.lookupAll(word)) for (const c of set) concepts.add(c);
    tokens.set(word, { count, concepts });
  }
  return tokens;
}

/** The evidence of the best-supported subject no label names (0 when none): what the catch-all label weighs. */
function elsewhereEvidence(tokens: ReadonlyMap<string, Token>, wanted: (concept: Concept) => boolean): number {
  let best = 0;
  for (const subject of OTHER_SUBJECTS) {
    if (wanted(subject)) continue;
    let total = 0;
    for (const { count, concepts } of tokens.values()) if (concepts.has(subject)) total += count * KEYWORD;
    best = Math.max(best, total);
  }
  return best;
}

function wordEvidence(model: LabelModel, tokens: ReadonlyMap<string, Token>): number {
  let total = 0;
  for (const [word, { count, concepts }] of tokens) {
    const seeded = [...concepts].some((c) => model.concepts.has(c)) ? KEYWORD : 0;
    total += count * ((model.own.lookup(word) ?? 0) + seeded);
  }
  return total;
}

/** The label's own words and the caller's keywords as word and stem (`noise` finds "noisy"); example words weigh by count. */
function labelModel(label: string, hints: LabelHints, languages: readonly LocalLanguage[]): LabelModel {
  const own = new CueIndex<number>();
  const stemmers = languages.map((l) => languageData(l).stem);
  const add = (word: string, weight: number): void => {
    own.add(word, weight, Math.max);
    for (const stem of stemmers) {
      const s = stem(word.toLowerCase());
      if (s.length >= 4) own.add(`${s}*`, weight, Math.max);
    }
  };
  for (const word of labelWords(label)) add(word, KEYWORD);
  for (const keyword of hints.keywords ?? []) for (const word of words(keyword)) add(word, KEYWORD);
  const counts = new Map<string, number>();
  const stop = languages.map((l) => languageData(l).stopwords);
  for (const example of hints.examples ?? []) {
    for (const word of words(example)) if (!stop.some((s) => s.has(word))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  for (const [word, count] of counts) add(word, Math.log(1 + count));
  return { concepts: new Set(labelConcepts(label)), own };
}

function catchAll(labels: readonly string[]): Classification | undefined {
  const label = labels.find(isCatchAll);
  return label === undefined ? undefined : { label, confidence: Math.round((1 / labels.length) * 1000) / 1000 };
}
