import { detectLanguage } from './language-detector.js';
import { analyseSentiment } from './sentiment-analyzer.js';
import type { LocalLanguage } from './nlp-data.js';

const SAMPLES: Record<LocalLanguage, { positive: string; negative: string; neutral: string }> = {
  en: {
    positive: 'I love this product, it is excellent and works great.',
    negative: 'This is terrible, it arrived broken and the support was awful. I hate it.',
    neutral: 'The package arrived on Tuesday morning.',
  },
  fr: {
    positive: "J'adore ce produit, il est excellent et magnifique.",
    negative: "C'est horrible, le produit est arrivé cassé. Je déteste ce service nul.",
    neutral: 'Le colis est arrivé mardi matin avec la facture.',
  },
  it: {
    positive: 'Adoro questo prodotto, è eccellente e fantastico.',
    negative: 'È terribile, il prodotto è arrivato rotto. Servizio orribile, lo odio.',
    neutral: 'La consegna è arrivata martedì mattina con la fattura.',
  },
  pl: {
    positive: 'Uwielbiam ten produkt, jest doskonały i wspaniały.',
    negative: 'To jest okropne, produkt przyszedł zepsuty, a obsługa była straszna.',
    neutral: 'Paczka przyszła we wtorek rano razem z fakturą.',
  },
  da: {
    positive: 'Jeg elsker dette produkt, det er fremragende og fantastisk.',
    negative: 'Det er forfærdeligt, produktet kom ødelagt, og servicen var elendig.',
    neutral: 'Pakken kom tirsdag morgen sammen med fakturaen.',
  },
  ro: {
    positive: 'Iubesc acest produs, este excelent și minunat.',
    negative: 'Este groaznic, produsul a sosit stricat, iar serviciul a fost oribil.',
    neutral: 'Coletul a sosit marți dimineață împreună cu factura.',
  },
};

describe.each(Object.entries(SAMPLES))('local sentiment in %s', (language, samples) => {
  it.each(['positive', 'negative', 'neutral'] as const)('labels the %s sample and detects the language', (label) => {
    const text = samples[label];
    expect(detectLanguage(text)).toBe(language);
    const result = analyseSentiment(text, language as LocalLanguage);
    expect(result.label).toBe(label);
    if (label === 'positive') expect(result.score).toBeGreaterThan(0.3);
    if (label === 'negative') expect(result.score).toBeLessThan(-0.3);
  });
});

// A second, independent set of short product reviews, as a user would send them.
const REVIEWS: [LocalLanguage, 'positive' | 'negative' | 'neutral', string][] = [
  ['en', 'positive', 'Fast delivery and the quality is amazing, highly recommended!'],
  ['en', 'negative', 'Worst purchase ever. The item stopped working after two days and nobody answered my emails.'],
  ['en', 'neutral', 'I ordered the blue version in size M.'],
  ['fr', 'positive', 'Livraison rapide, produit de très bonne qualité, je suis ravi.'],
  ['fr', 'negative', 'Produit de mauvaise qualité, très déçu, je ne recommande pas.'],
  ['fr', 'neutral', "J'ai commandé la version bleue en taille M."],
  ['it', 'positive', 'Consegna veloce e qualità ottima, sono molto soddisfatto.'],
  ['it', 'negative', 'Prodotto pessimo, sono molto deluso e non lo consiglio.'],
  ['it', 'neutral', 'Ho ordinato la versione blu in taglia M.'],
  ['pl', 'positive', 'Szybka dostawa i świetna jakość, bardzo polecam.'],
  ['pl', 'negative', 'Fatalna jakość, jestem bardzo rozczarowany i nie polecam.'],
  ['pl', 'neutral', 'Zamówiłem niebieską wersję w rozmiarze M.'],
  ['da', 'positive', 'Hurtig levering og god kvalitet, jeg er meget tilfreds.'],
  ['da', 'negative', 'Dårlig kvalitet, jeg er meget skuffet og kan ikke anbefale det.'],
  ['da', 'neutral', 'Jeg bestilte den blå version i størrelse M.'],
  ['ro', 'positive', 'Livrare rapidă și calitate excelentă, sunt foarte mulțumit.'],
  ['ro', 'negative', 'Calitate proastă, sunt foarte dezamăgit și nu recomand.'],
  ['ro', 'neutral', 'Am comandat versiunea albastră în mărimea M.'],
];

describe('local sentiment on short reviews', () => {
  it.each(REVIEWS)('%s %s: %s', (language, label, text) => {
    expect(detectLanguage(text)).toBe(language);
    expect(analyseSentiment(text, language).label).toBe(label);
  });

  it('says und for text without letters and neutral without lexicon words', () => {
    expect(detectLanguage('12345 !!!')).toBe('und');
    expect(analyseSentiment('12345', 'en')).toEqual({ label: 'neutral', score: 0, hits: 0 });
  });
});

describe('negation', () => {
  it('flips what follows a negation', () => {
    expect(analyseSentiment('This is not good at all', 'en').label).toBe('negative');
    expect(analyseSentiment("I don't like it", 'en').label).toBe('negative');
    expect(analyseSentiment('Nie jest dobry', 'pl').label).toBe('negative');
  });
});
