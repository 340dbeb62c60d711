import { summarizeText, truncateWords } from './extractive-summarizer.js';
import { extractFields } from './field-extractor.js';
import { classifyText } from './keyword-classifier.js';
import { recognizeTask } from './prompt-recognizer.js';
import { amounts, dates, orderIds } from './text-patterns.js';
import { words } from './text-tokens.js';

describe('prompt recognition (local chat)', () => {
  const user = (content: string) => [{ role: 'user' as const, content }];
  it.each([
    ['Summarize in 30 words: Some text.', { kind: 'summarize', text: 'Some text.', maxWords: 30 }],
    ['tl;dr: Some text.', { kind: 'summarize', text: 'Some text.', maxWords: 60 }],
    ['What is the sentiment of this review: great!', { kind: 'sentiment', text: 'great!' }],
    ['Classify into billing, shipping or other: where is my parcel', { kind: 'classify', text: 'where is my parcel', labels: ['billing', 'shipping', 'other'] }],
  ])('%s', (prompt, task) => {
    expect(recognizeTask(user(prompt), false)).toEqual(task);
  });

  it('recognises extraction only with a schema, and nothing else', () => {
    expect(recognizeTask(user('Extract: mail me at a@b.co'), true)).toEqual({ kind: 'extract', text: 'mail me at a@b.co' });
    expect(recognizeTask(user('Extract: mail me at a@b.co'), false)).toBeUndefined();
    expect(recognizeTask(user('Write a poem'), false)).toBeUndefined();
    expect(recognizeTask([{ role: 'system', content: 'Summarize: x' }], false)).toBeUndefined();
  });
});

describe('keyword naive Bayes', () => {
  it('learns from the label names, seeds, keywords and examples', () => {
    expect(classifyText('refund my payment', ['billing', 'shipping'], {}, 'en')?.label).toBe('billing');
    expect(classifyText('the gizmo is noisy', ['noise', 'looks'], { noise: { examples: ['the fan is loud and noisy'] }, looks: { keywords: ['ugly', 'colour'] } }, 'en')?.label).toBe('noise');
    expect(classifyText('hello there', ['billing', 'shipping'], {}, 'en')).toBeUndefined();
    expect(classifyText('hello there', ['billing', 'misc'], {}, 'en')).toEqual({ label: 'misc', confidence: 0.5 });
  });
});

describe('multilingual classification', () => {
  const TICKET = ['billing', 'shipping', 'product', 'other'];

  it('reads tickets in all six languages with English labels (they came back "other" before)', () => {
    expect(classifyText("Je n'ai toujours pas reçu mon colis, le suivi est bloqué depuis lundi.", TICKET, {}, 'fr')?.label).toBe('shipping');
    expect(classifyText('Dostałem fakturę z błędną kwotą, proszę o korektę.', TICKET, {}, 'pl')?.label).toBe('billing');
    expect(classifyText('Il tostapane si è rotto dopo due giorni.', TICKET, {}, 'it')?.label).toBe('product');
    expect(classifyText('Hvornår bliver min pakke leveret?', TICKET, {}, 'da')?.label).toBe('shipping');
    expect(classifyText('Factura nu corespunde cu plata făcută.', TICKET, {}, 'ro')?.label).toBe('billing');
  });

  it('takes labels in any of the languages, matches without diacritics and by stem', () => {
    expect(classifyText('Poproszę o fakturę na firmę.', ['płatności', 'dostawa', 'inne'], {}, 'pl')?.label).toBe('płatności');
    expect(classifyText('kiedy dostane zwrot pieniedzy za buty', ['refund', 'shipping'], {}, 'pl')?.label).toBe('refund');
    expect(classifyText('Quand serai-je remboursée ?', ['refund', 'shipping'], {}, 'fr')?.label).toBe('refund');
    expect(classifyText('Il pacco non è ancora arrivato', ['refund', 'shipping'], {}, undefined)?.label).toBe('shipping');
  });

  it('falls back to the words of a label it does not know, by stem', () => {
    expect(classifyText('Can I recycle the packaging?', ['recycling', 'billing'], {}, 'en')?.label).toBe('recycling');
    expect(classifyText('How many loyalty points do I have?', ['Loyalty program', 'shipping'], {}, 'en')?.label).toBe('Loyalty program');
  });

  it('uses the sentiment for praise and complaint, and a question mark for question', () => {
    const labels = ['praise', 'complaint', 'question'];
    expect(classifyText('Absolutely love it, works perfectly.', labels, {}, 'en')?.label).toBe('praise');
    expect(classifyText('Awful. It broke after one day.', labels, {}, 'en')?.label).toBe('complaint');
    expect(classifyText('Does it come in blue?', labels, {}, 'en')?.label).toBe('question');
  });
});

describe('extractive summary', () => {
  it('keeps whole sentences in order and cuts a lone long sentence with an ellipsis', () => {
    const text = 'Cats sleep a lot. Cats also purr when happy cats relax. Dogs bark. Cats are cats.';
    const summary = summarizeText(text, 12, 'en');
    expect(summary.split(' ').length).toBeLessThanOrEqual(12);
    expect(text.indexOf(summary.split('. ')[0] ?? '')).toBeGreaterThanOrEqual(0);
    expect(summarizeText('one two three four five six. seven eight nine ten eleven.', 3, 'en')).toMatch(/…$/);
    expect(truncateWords('a b c d', 2)).toBe('a b…');
  });
});

describe('field extraction', () => {
  it('finds fields by name and type, coerces numbers and reports missing required ones', () => {
    const schema = {
      type: 'object',
      properties: {
        emails: { type: 'array', items: { type: 'string' } },
        total: { type: 'number' },
        when: { type: 'string' },
        priority: { type: 'string', enum: ['low', 'high'] },
        language: { type: 'string' },
        website: { type: 'string' },
        customerName: { type: 'string' },
      },
      required: ['emails', 'customerName'],
    };
    const { value, missing } = extractFields('Write to a@x.io or b@y.eu, total 12,50 EUR, due 03/04/2026, HIGH priority: https://shop.example/o/1', schema);
    expect(value).toEqual({ emails: ['a@x.io', 'b@y.eu'], total: 12.5, when: '2026-04-03', priority: 'high', language: 'en', website: 'https://shop.example/o/1' });
    expect(missing).toEqual(['customerName']);
  });

  it('fills a "summary" property (the amount rule used to take it for its "sum")', () => {
    const { value } = extractFields('The kettle arrived late. It works well.', { type: 'object', properties: { summary: { type: 'string' } } });
    expect(value).toEqual({ summary: 'The kettle arrived late. It works well.' });
  });

  it('reads amounts, dates and order ids in the forms people write them', () => {
    expect(amounts('paid $19.99 and 20 € and 5 zł')).toEqual([19.99, 20, 5]);
    expect(dates('on 2026-01-02 or 3.4.2026')).toEqual(['2026-01-02', '2026-04-03']);
    expect(orderIds('order #1001 and order number A-77 and Order no. 55')).toEqual(['1001', 'A-77', '55']);
  });
});

describe('words', () => {
  it('splits French and Italian elisions and keeps English contractions', () => {
    expect(words("J'adore l'été, don't stop dell'amore")).toEqual(['j', 'adore', 'l', 'été', "don't", 'stop', 'dell', 'amore']);
  });
});
