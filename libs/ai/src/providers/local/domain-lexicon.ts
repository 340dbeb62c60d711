import { CueIndex } from './cue-index.js';
import { DA } from './lexicon/da.js';
import { EN } from './lexicon/en.js';
import { FR } from './lexicon/fr.js';
import { IT } from './lexicon/it.js';
import { CONCEPTS, PARENT_CONCEPTS, TOPIC_CONCEPTS, type Concept, type LanguageLexicon } from './lexicon/language-lexicon.js';
import { PL } from './lexicon/pl.js';
import { RO } from './lexicon/ro.js';
import { LOCAL_LANGUAGES, type LocalLanguage } from './nlp-data.js';
import { fold } from './text-tokens.js';

const LEXICONS: Readonly<Record<LocalLanguage, LanguageLexicon>> = { en: EN, fr: FR, it: IT, pl: PL, da: DA, ro: RO };

export interface CompiledLexicon {
  /** Folded word → the concepts it points to. */
  readonly topics: CueIndex<ReadonlySet<Concept>>;
  /** Folded word → the topic concepts (no sentiment) it belongs to; a subset of `topics`. */
  readonly neutral: CueIndex<true>;
  /** Folded word → curated valence. */
  readonly sentiment: CueIndex<number>;
  /** Folded "word word" → curated valence of the two-word phrase. */
  readonly phrases: ReadonlyMap<string, number>;
  /** The folded first words of `phrases`. */
  readonly phraseStarts: ReadonlySet<string>;
  /** Folded intensifiers. */
  readonly boosters: ReadonlySet<string>;
}

const compiled = new Map<LocalLanguage, CompiledLexicon>();

export function domainLexicon(language: LocalLanguage): CompiledLexicon {
  let found = compiled.get(language);
  if (!found) {
    found = compile(LEXICONS[language]);
    compiled.set(language, found);
  }
  return found;
}

/** The concepts a word names in any of our languages: how a label such as "livraison" is understood. */
export function conceptsNamedBy(word: string): Concept[] {
  const folded = fold(word);
  const direct = CONCEPTS.find((c) => c === folded);
  if (direct) return [direct];
  const found = new Set<Concept>();
  for (const language of LOCAL_LANGUAGES) for (const set of domainLexicon(language).topics.lookupAll(folded)) for (const c of set) found.add(c);
  return [...found];
}

function compile(lexicon: LanguageLexicon): CompiledLexicon {
  const topics = new CueIndex<ReadonlySet<Concept>>();
  const neutral = new CueIndex<true>();
  for (const [concept, entries] of Object.entries(lexicon.topics) as [Concept, readonly string[]][]) {
    for (const entry of entries) {
      const parent = PARENT_CONCEPTS[concept];
      topics.add(entry, new Set(parent ? [concept, parent] : [concept]), (a, b) => new Set([...a, ...b]));
      if (TOPIC_CONCEPTS.has(concept)) neutral.add(entry, true);
    }
  }
  const sentiment = new CueIndex<number>();
  const phrases = new Map<string, number>();
  for (const [entry, value] of Object.entries(lexicon.sentiment)) {
    if (entry.includes(' ')) phrases.set(entry.split(' ').map(fold).join(' '), value);
    else sentiment.add(entry, value);
  }
  const phraseStarts = new Set([...phrases.keys()].map((p) => p.split(' ')[0] ?? ''));
  return { topics, neutral, sentiment, phrases, phraseStarts, boosters: new Set(lexicon.boosters.map(fold)) };
}
