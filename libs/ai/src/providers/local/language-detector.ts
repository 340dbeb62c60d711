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

/**
 * Characters of the text the detector reads: a language shows in its first paragraphs, and franc
 * costs ~8 ms per 1,000 characters (0.3 s on 40,000).
 */
const SAMPLE_CHARS = 2_000;

const require = createRequire(import.meta.url);
const stopwords = require('stopwords-iso') as Record<string, string[]>;
const stopSets = new Map(Object.values(CODES).map((code) => [code, new Set(stopwords[code] ?? [])]));

/** The last text detected and its language. */
let last: { text: string; code: string } | undefined;

/**
 * The language of `text` as ISO 639-1, or `und`: franc's trigram ranking over a small set of
 * candidates, checked against stopwords, telltale letters and (for our languages) lexicon hits,
 * which fixes franc on the short texts reviews and tickets are. Reads the first 2,000 characters.
 */
export function detectLanguage(text: string): string {
  // One text is often asked several times in a row (the provider, then each extracted field).
  if (last?.text === text) return last.code;
  const code = detect(sample(text));
  last = { text, code };
  return code;
}

function detect(head: string): string {
  const tokens = words(head);
  if (tokens.length === 0) return 'und';
  const trigram = new Map(francAll(head, { only: Object.keys(CODES), minLength: 3 }).filter(([code]) => code !== 'und').map(([code, score]) => [CODES[code] ?? code, score]));
  let best = 'und';
  let bestScore = 0;
  for (const code of new Set(Object.values(CODES))) {
    const stop = stopSets.get(code);
    const stopRatio = stop ? tokens.filter((w) => stop.has(w)).length / tokens.length : 0;
    const letters = LETTERS[code]?.test(head.toLowerCase()) ? 0.3 : 0;
    const lexicon = isLocal(code) ? lexiconRatio(code, tokens) * 0.4 : 0;
    const score = stopRatio + (trigram.get(code) ?? 0) * 0.5 + letters + lexicon;
    if (score > bestScore) {
      best = code;
      bestScore = score;
    }
  }
  return best;
}

/** The first SAMPLE_CHARS characters, cut at a space so no word is split. */
function sample(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const cut = text.lastIndexOf(' ', SAMPLE_CHARS);
  return text.slice(0, cut > SAMPLE_CHARS / 2 ? cut : SAMPLE_CHARS);
}

export function isLocal(code: string): code is LocalLanguage {
  return (LOCAL_LANGUAGES as readonly string[]).includes(code);
}

function lexiconRatio(code: LocalLanguage, tokens: readonly string[]): number {
  const data = languageData(code);
  return tokens.filter((w) => data.lexicon.has(data.stemmed ? data.stem(w) : w)).length / tokens.length;
}
