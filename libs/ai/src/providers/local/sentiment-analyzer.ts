import { domainLexicon, type CompiledLexicon } from './domain-lexicon.js';
import { languageData, type LanguageData, type LocalLanguage } from './nlp-data.js';
import { clauses, fold, words } from './text-tokens.js';

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
/** A negation flips the valence of the next few words of its clause ("not very good"). */
const NEGATION_SPAN = 3;
/** VADER's booster increment: an intensifier adds this to the size of the next feeling word within two words. */
const BOOST = 0.293;
const BOOST_SPAN = 2;

/**
 * How far a machine-built (translated or Pattern) lexicon is trusted against the curated one: its
 * valences count half, so one stray word ("hele", "vand") cannot label a text on its own.
 */
const PACKAGE_TRUST = 0.5;
/** Shorter stems collide across unrelated words in the stemmed lexicons (Danish "hel", "for", "vil"). */
const MIN_STEM = 4;

interface Known {
  readonly folded: string;
  readonly booster: boolean;
  readonly value: number | undefined;
  readonly opensPhrase: boolean;
}

const prefixIndexes = new WeakMap<LanguageData, Map<string, number>>();

/**
 * Lexicon-based sentiment with negation, normalised like VADER. A word's valence comes from the
 * curated shop lexicon first (lexicon/*.ts), else it is none for topic words ("parcel", "price")
 * and, in the machine-built lexicons, for stopwords; else from the package lexicon (AFINN, Pattern).
 */
export function analyseSentiment(text: string, language: LocalLanguage): SentimentScore {
  const data = languageData(language);
  const domain = domainLexicon(language);
  let sum = 0;
  let hits = 0;
  // Words repeat: fold and score each distinct word once.
  const known = new Map<string, Known>();
  const look = (word: string): Known => {
    let found = known.get(word);
    if (!found) {
      const folded = fold(word);
      const booster = domain.boosters.has(folded);
      found = { folded, booster, value: booster ? undefined : valence(language, data, domain, word, folded), opensPhrase: domain.phraseStarts.has(folded) };
      known.set(word, found);
    }
    return found;
  };
  for (const clause of clauses(text)) {
    const tokens = words(clause);
    let negatedFor = 0;
    let boostedFor = 0;
    for (let i = 0; i < tokens.length; i += 1) {
      const word = tokens[i] ?? '';
      const entry = look(word);
      // A phrase carries its own polarity ("pas terrible", "bez zarzutu", "dzień dobry").
      const next = tokens[i + 1];
      const phrase = entry.opensPhrase && next !== undefined ? domain.phrases.get(`${entry.folded} ${look(next).folded}`) : undefined;
      if (phrase !== undefined) {
        if (phrase !== 0) {
          sum += phrase;
          hits += 1;
        }
        i += 1;
        negatedFor = 0;
        continue;
      }
      if (data.negations.has(word) || (language === 'en' && word.endsWith("n't"))) {
        negatedFor = NEGATION_SPAN;
        continue;
      }
      if (entry.booster) {
        boostedFor = BOOST_SPAN;
        continue;
      }
      if (entry.value !== undefined) {
        const value = boostedFor > 0 ? entry.value + Math.sign(entry.value) * BOOST : entry.value;
        sum += negatedFor > 0 ? -value * 0.75 : value;
        hits += 1;
        boostedFor = 0;
      }
      if (negatedFor > 0) negatedFor -= 1;
      if (boostedFor > 0) boostedFor -= 1;
    }
  }
  const score = hits === 0 ? 0 : round(sum / Math.sqrt(sum * sum + ALPHA));
  const label = score >= NEUTRAL ? 'positive' : score <= -NEUTRAL ? 'negative' : 'neutral';
  return { label, score, hits };
}

function valence(language: LocalLanguage, data: LanguageData, domain: CompiledLexicon, word: string, folded: string): number | undefined {
  const curated = domain.sentiment.lookupFolded(folded);
  if (curated !== undefined) return curated === 0 ? undefined : curated;
  if (domain.neutral.lookupFolded(folded)) return undefined;
  if (language === 'en') return data.lexicon.get(word);
  if (data.stopwords.has(word)) return undefined;
  const found = packageValence(data, word);
  return found === undefined ? undefined : found * PACKAGE_TRUST;
}

function packageValence(data: LanguageData, word: string): number | undefined {
  if (data.stemmed) {
    const stem = data.stem(word);
    return stem.length >= MIN_STEM ? data.lexicon.get(stem) : undefined;
  }
  const exact = data.lexicon.get(word);
  if (exact !== undefined) return exact;
  // Unstemmed lexicons (Polish, Romanian) list base forms: "okropne" finds "okropny".
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
