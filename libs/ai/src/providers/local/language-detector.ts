import { createRequire } from 'node:module';
import { francAll } from 'franc';
import { LOCAL_LANGUAGES, languageData, type LocalLanguage } from './nlp-data.js';
import { words } from './text-tokens.js';

/** ISO 639-3 (franc) → 639-1 for the languages we tell apart: ours plus the neighbours they get confused with. */
const CODES: Record<string, string> = {
  eng: 'en', fra: 'fr', ita: 'it', pol: 'pl', dan: 'da', ron: 'ro', deu: 'de', spa: 'es', por: 'pt', nld: 'nl', swe: 'sv', nob: 'nb',
};
/** Letters that only some of these languages use. */
const LETTERS: Record<string, RegExp> = {
  pl: /[łąęśźżń]/, ro: /[șțşţă]/, da: /[æø]/, nb: /[æø]/, sv: /[äö]/, de: /[äöüß]/, es: /[ñ¿¡]/, pt: /[ãõ]/, fr: /[çœêû]/, it: /[ìò]/,
};

const require = createRequire(import.meta.url);
const stopwords = require('stopwords-iso') as Record<string, string[]>;
const stopSets = new Map(Object.values(CODES).map((code) => [code, new Set(stopwords[code] ?? [])]));

/**
 * The language of `text` as ISO 639-1, or `und`: franc's trigram ranking over a small set of
 * candidates, checked against stopwords, telltale letters and (for our languages) lexicon hits,
 * which fixes franc on the short texts reviews and tickets are.
 */
export function detectLanguage(text: string): string {
  const tokens = words(text);
  if (tokens.length === 0) return 'und';
  const trigram = new Map(francAll(text, { only: Object.keys(CODES), minLength: 3 }).filter(([code]) => code !== 'und').map(([code, score]) => [CODES[code] ?? code, score]));
  let best = 'und';
  let bestScore = 0;
  for (const code of new Set(Object.values(CODES))) {
    const stop = stopSets.get(code);
    const stopRatio = stop ? tokens.filter((w) => stop.has(w)).length / tokens.length : 0;
    const letters = LETTERS[code]?.test(text.toLowerCase()) ? 0.3 : 0;
    const lexicon = isLocal(code) ? lexiconRatio(code, tokens) * 0.4 : 0;
    const score = stopRatio + (trigram.get(code) ?? 0) * 0.5 + letters + lexicon;
    if (score > bestScore) {
      best = code;
      bestScore = score;
    }
  }
  return best;
}

export function isLocal(code: string): code is LocalLanguage {
  return (LOCAL_LANGUAGES as readonly string[]).includes(code);
}

function lexiconRatio(code: LocalLanguage, tokens: readonly string[]): number {
  const data = languageData(code);
  return tokens.filter((w) => data.lexicon.has(data.stemmed ? data.stem(w) : w)).length / tokens.length;
}
