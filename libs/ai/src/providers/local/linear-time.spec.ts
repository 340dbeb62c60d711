import { summarizeText } from './extractive-summarizer.js';
import { extractFields } from './field-extractor.js';
import { classifyText } from './keyword-classifier.js';
import { keywords } from './keywords.js';
import { detectLanguage } from './language-detector.js';
import { recognizeTask } from './prompt-recognizer.js';
import { analyseSentiment } from './sentiment-analyzer.js';
import { PATTERNS, allMatches, amounts, dates, orderIds } from './text-patterns.js';

// Inputs a hostile or careless caller can send, ~40,000 characters each (below the provider's
// 50,000 cap, so they reach every model). Before the patterns were made linear, the first one took
// ~5 s in the email pattern, the digit runs ~6 s in money and the spaces after "order" ~10 s.
const HOSTILE: Record<string, string> = {
  'letters, one @, then a.a.a.': `${'a'.repeat(20_000)}@${'a.'.repeat(10_000)}`,
  'long words split by dots': `${'a'.repeat(50)}.`.repeat(785),
  'a@a@a@…': 'a@'.repeat(20_000),
  'one run of digits': '1'.repeat(40_000),
  'digits and commas': '1,'.repeat(20_000),
  'digits and dots': '12.'.repeat(13_333),
  'digits and spaces': '12 '.repeat(13_333),
  '#1#1#1…': '#1'.repeat(20_000),
  '"order" and spaces': `order${' '.repeat(40_000)}`,
  'dots': '.'.repeat(40_000),
  'classify header with no colon': `Classify ${'as '.repeat(13_330)}`,
  'classify labels and spaces': `Classify into a${' '.repeat(40_000)}b: text`,
  '8,000 distinct words': Array.from({ length: 8_000 }, (_, i) => letters(i)).join(' '),
  'a real ticket, repeated': 'Order #12345 paid 19,99 € by ana.b@example.com on 03/04/2026, call +48 601 222 333. '.repeat(470),
};

/** A distinct four-letter word for each number (aaaa, aaab, …). */
function letters(n: number): string {
  let word = '';
  for (let i = 0; i < 4; i += 1, n = Math.floor(n / 26)) word = String.fromCharCode(97 + (n % 26)) + word;
  return word;
}

const SCHEMA = {
  type: 'object',
  properties: {
    email: { type: 'string' }, phone: { type: 'string' }, url: { type: 'string' }, date: { type: 'string' }, amount: { type: 'number' },
    orderId: { type: 'string' }, language: { type: 'string' }, sentiment: { type: 'string' }, summary: { type: 'string' },
    topics: { type: 'array', items: { type: 'string' } }, count: { type: 'integer' },
  },
};

const TASKS: Record<string, (text: string) => unknown> = {
  ...Object.fromEntries(Object.entries(PATTERNS).map(([name, pattern]) => [`pattern ${name}`, (t: string) => allMatches(t, pattern)])),
  'amounts, dates, order ids': (t) => [amounts(t), dates(t), orderIds(t)],
  ...Object.fromEntries(Object.entries(SCHEMA.properties).map(([name, property]) => [`extract ${name}`, (t: string) => extractFields(t, { type: 'object', properties: { [name]: property } })])),
  'sentiment en': (t) => analyseSentiment(t, 'en'),
  'sentiment pl': (t) => analyseSentiment(t, 'pl'),
  'classify (language unknown)': (t) => classifyText(t, ['billing', 'shipping', 'praise', 'complaint', 'question', 'other'], {}, undefined),
  summarize: (t) => summarizeText(t, 40, 'en'),
  'detect language': (t) => detectLanguage(t),
  keywords: (t) => keywords(t, 'en', 5),
  'recognize a chat prompt': (t) => recognizeTask([{ role: 'user', content: t }], true),
};

/** A generous bound: the quadratic paths took seconds. */
const BOUND_MS = 200;

/**
 * CPU milliseconds of one run. CPU time, not wall time: on a shared machine other processes
 * stretch the wall clock several times over, but what blocks the event loop is the CPU this process
 * spends (vitest runs each test file in its own process).
 */
function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe('local models run in linear time on hostile input', () => {
  // Load the lexicons and let V8 optimise the code, as in a process that has served for a while
  // (cold, the @nlpjs stemmers take ~20 µs a word, warm ~4 µs); the hostile words stay unseen.
  beforeAll(() => {
    const warm = [
      'The parcel arrived late and the headphones were broken, I want a refund of €49.90 for order #1003.',
      "Le colis est arrivé en retard, je suis très déçu et j'attends mon remboursement.",
      'Il pacco è arrivato rotto, vorrei il rimborso. Paczka przyszła uszkodzona, proszę o zwrot.',
      'Pakken kom for sent og varen var i stykker. Coletul a ajuns deteriorat, vreau banii înapoi.',
    ].join(' ').repeat(20);
    // Distinct five-letter words exercise the stemmers; the hostile words have four letters, so none is memoised.
    const vocabulary = Array.from({ length: 3_000 }, (_, i) => `z${letters(i)}`).join(' ');
    for (const task of Object.values(TASKS)) task(`${warm} ${vocabulary}`);
  });

  it.for(Object.entries(HOSTILE))('%s: every task answers within 200 ms of CPU', async ([, text], { annotate }) => {
    expect(text.length).toBeGreaterThan(35_000);
    // A fresh copy for each task, so none finds the text in a memo (the language detector keeps the last one).
    const times = Object.entries(TASKS).map(([task, run], i) => [task, Math.round(cpuMs(() => run(`${text} ${i}`)))] as const);
    const slowest = times.reduce((a, b) => (b[1] > a[1] ? b : a));
    await annotate(`${text.length} characters; slowest: ${slowest[0]}, ${slowest[1]} ms CPU`);
    expect(times.filter(([, ms]) => ms >= BOUND_MS)).toEqual([]);
  });
});

describe('the linear patterns still find what people write', () => {
  it('finds emails next to punctuation, with accents, plus tags and subdomains', () => {
    expect(allMatches('Contact jan.kowalski+shop@poczta.onet.pl, or élodie@exemple.fr; (x@y.io) and not a@b or @home.', PATTERNS.email)).toEqual([
      'jan.kowalski+shop@poczta.onet.pl',
      'élodie@exemple.fr',
      'x@y.io',
    ]);
  });

  it('reads amounts with a currency before or after, but not a code inside a word', () => {
    expect(amounts('Refund $19.99, then 12,50 zł, 7 kr, €5 and 30 EUR; the 5 kraft bags and 10 lei.')).toEqual([19.99, 12.5, 7, 5, 30, 10]);
  });

  it('finds order ids and phone numbers', () => {
    expect(orderIds('order #A-1001, order nr 55, Order no. X7 and order status')).toEqual(['A-1001', '55', 'X7']);
    expect(allMatches('Call +48 601 222 333 or 0049 30 1234 5678.', PATTERNS.phone)).toEqual(['+48 601 222 333', '0049 30 1234 5678']);
  });

  it('parses the classify prompt forms, including "as one of" and spaced labels', () => {
    const user = (content: string) => [{ role: 'user' as const, content }];
    expect(recognizeTask(user('Classify this as one of billing, shipping: where is it'), false)).toEqual({ kind: 'classify', text: 'where is it', labels: ['billing', 'shipping'] });
    expect(recognizeTask(user('Classify into  billing ,  shipping   or  other : parcel?'), false)).toEqual({ kind: 'classify', text: 'parcel?', labels: ['billing', 'shipping', 'other'] });
    expect(recognizeTask(user('Classify into billing or shipping\nwhere: is it'), false)).toBeUndefined();
  });
});
