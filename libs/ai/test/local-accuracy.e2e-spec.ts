import { LOCAL_LANGUAGES } from '@aiwire/ai';
import { startAi, type AiHarness } from './ai-harness.js';
import { LABELLED_TEXTS, LABEL_SETS, type Language, type LabelledText } from './fixtures/labelled-texts.js';

/** What users rely on: the local provider right on at least 4 of 5 short texts, in each language. */
const TARGET = 0.8;

interface Answer {
  readonly item: LabelledText;
  readonly sentiment: string;
  readonly language: string;
  readonly label: string;
}

const percent = (part: number, whole: number): string => `${Math.round((part / whole) * 100)} % (${part}/${whole})`;
const miss = (what: string, answer: Answer, got: string, wanted: string): string => `${what}: got ${got}, want ${wanted}: ${answer.item.text}`;

describe('local provider accuracy on the labelled set (tickets, reviews, notes; six languages)', () => {
  let h: AiHarness;
  const answers: Answer[] = [];

  beforeAll(async () => {
    h = await startAi({ providers: { local: { kind: 'local' } }, jobs: { workers: false } });
    for (const item of LABELLED_TEXTS) {
      // A wrong language is a capability error: it counts as a wrong answer, not a crash.
      const sentiment = await h.ai.sentiment(item.text).catch(() => ({ label: 'error', language: 'und' }));
      const classified = await h.ai.classify(item.text, LABEL_SETS[item.set]).catch(() => ({ label: 'error' }));
      answers.push({ item, sentiment: sentiment.label, language: sentiment.language, label: classified.label });
    }
  }, 60_000);
  afterAll(() => h.close());

  it('is a set of at least 120 texts, 20 per language, over several label sets', () => {
    expect(LABELLED_TEXTS.length).toBeGreaterThanOrEqual(120);
    for (const language of LOCAL_LANGUAGES) {
      const own = LABELLED_TEXTS.filter((t) => t.language === language);
      expect(own.length).toBeGreaterThanOrEqual(20);
      expect(new Set(own.map((t) => t.label)).size).toBeGreaterThanOrEqual(8);
      expect(new Set(own.map((t) => t.sentiment))).toEqual(new Set(['positive', 'neutral', 'negative']));
    }
  });

  it.for(LOCAL_LANGUAGES)('%s: sentiment and classification are right on at least 80 % of the texts', async (language: Language, { annotate }) => {
    const own = answers.filter((a) => a.item.language === language);
    const sentimentMisses = own.filter((a) => a.sentiment !== a.item.sentiment).map((a) => miss('sentiment', a, `${a.sentiment} (${a.language})`, a.item.sentiment));
    const labelMisses = own.filter((a) => a.label !== a.item.label).map((a) => miss('label', a, a.label, a.item.label));
    const fresh = own.filter((a) => a.item.batch === 2);
    const line = (answersOf: readonly Answer[]): string =>
      `sentiment ${percent(answersOf.filter((a) => a.sentiment === a.item.sentiment).length, answersOf.length)}, ` +
      `classification ${percent(answersOf.filter((a) => a.label === a.item.label).length, answersOf.length)}`;
    await annotate(`${language}: ${line(own)}; batch 2 alone: ${line(fresh)}`);
    expect(own.filter((a) => a.language === language).length / own.length, 'detected language').toBeGreaterThanOrEqual(TARGET);
    expect(1 - sentimentMisses.length / own.length, sentimentMisses.join('\n')).toBeGreaterThanOrEqual(TARGET);
    expect(1 - labelMisses.length / own.length, labelMisses.join('\n')).toBeGreaterThanOrEqual(TARGET);
  });
});
