/** French and Italian elisions (l', j', dell', ...) are split off: "j'adore" is "adore". */
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|dell|all|dall|nell|sull|un|quest|quell)'(?=\p{L})/u;

/** Lower-case words (inner apostrophes and hyphens kept: "don't"; elisions split off). */
export function words(text: string): string[] {
  const found = text.toLowerCase().match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
  const out: string[] = [];
  for (const raw of found) {
    const word = raw.replace(/’/g, "'");
    const elided = ELISION.exec(word);
    if (elided) out.push(elided[0].slice(0, -1), word.slice(elided[0].length));
    else out.push(word);
  }
  return out;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Sentences, by the ICU sentence rules of `language`. */
export function sentences(text: string, language = 'en'): string[] {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    segmenters.set(language, segmenter);
  }
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter((s) => s.length > 0);
}
