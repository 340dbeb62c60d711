import { IsArray, IsEmail, IsNumber, IsOptional, IsString } from 'class-validator';
import { AiUnavailableError, LOCAL_LANGUAGES } from '@aiwire/ai';
import { ask, startAi, type AiHarness } from './ai-harness.js';

class TicketDto {
  @IsEmail() email!: string;
  @IsString() orderId!: string;
  @IsNumber() amount!: number;
  @IsArray() @IsString({ each: true }) topics!: string[];
  @IsOptional() @IsString() phone?: string;
}

const REVIEWS: Record<(typeof LOCAL_LANGUAGES)[number], [string, string]> = {
  en: ['Absolutely love it, the best purchase this year!', 'Awful quality, it broke after a day. Very disappointed.'],
  fr: ['Produit excellent, je suis vraiment ravi de mon achat.', 'Très mauvaise qualité, je suis déçu et je ne recommande pas.'],
  it: ['Prodotto eccellente, sono davvero felice del mio acquisto.', 'Qualità pessima, sono deluso e non lo consiglio.'],
  pl: ['Wspaniały produkt, jestem bardzo zadowolony z zakupu.', 'Okropna jakość, jestem rozczarowany i nie polecam.'],
  da: ['Fantastisk produkt, jeg er meget glad for mit køb.', 'Elendig kvalitet, jeg er skuffet og kan ikke anbefale det.'],
  ro: ['Produs excelent, sunt foarte fericit de cumpărătură.', 'Calitate groaznică, sunt dezamăgit și nu recomand.'],
};

describe('the embedded local provider through AiService', () => {
  let h: AiHarness;

  beforeAll(async () => {
    h = await startAi({ providers: { local: { kind: 'local', labels: { warranty: { keywords: ['warranty', 'guarantee', 'repair'] } } } }, jobs: { workers: false } });
  });
  afterAll(() => h.close());

  it.each(Object.entries(REVIEWS))('sentiment in %s: positive and negative reviews, with the language', async (language, [good, bad]) => {
    expect(await h.ai.sentiment(good)).toEqual({ label: 'positive', score: expect.any(Number), language });
    const negative = await h.ai.sentiment(bad);
    expect(negative).toMatchObject({ label: 'negative', language });
    expect(negative.score).toBeLessThan(-0.25);
    expect(negative.score).toBeGreaterThanOrEqual(-1);
  });

  it('says honestly when a language has no lexicon, unless told the language', async () => {
    const error = await h.ai.sentiment('Me encanta este producto, es excelente').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).failures[0]).toMatchObject({ provider: 'local', reason: 'capability', message: expect.stringContaining('looks like "es"') });
  });

  it('classifies support tickets with its keyword model (built-in seeds and configured keywords)', async () => {
    const labels = ['billing', 'shipping', 'product', 'other'];
    expect((await h.ai.classify('I was charged twice for my order, please refund the second payment', labels)).label).toBe('billing');
    expect((await h.ai.classify('My parcel has not arrived, the tracking number shows no update since Monday', labels)).label).toBe('shipping');
    expect((await h.ai.classify('The headphones stopped working, the left side has no sound', labels)).label).toBe('product');
    expect(await h.ai.classify('Hello, nice weather today', labels)).toEqual({ label: 'other', confidence: 0.25 });
    expect((await h.ai.classify('Is the repair covered by the guarantee?', ['warranty', 'billing'])).label).toBe('warranty');
    const billing = await h.ai.classify('Where is my invoice for this payment?', labels);
    expect(billing.confidence).toBeGreaterThan(0.5);
    const none = await h.ai.classify('Hello, nice weather today', ['billing', 'shipping']).catch((e: unknown) => e);
    expect((none as AiUnavailableError).failures[0]?.reason).toBe('capability');
  });

  it('classifies French and Polish tickets with the sample app’s labels (they came back "other" at 0.25)', async () => {
    const labels = ['billing', 'shipping', 'product', 'other'];
    const french = await h.ai.classify("Bonjour, j'ai été prélevé deux fois pour ma commande, pouvez-vous corriger la facture ?", labels);
    expect(french.label).toBe('billing');
    expect(french.confidence).toBeGreaterThan(0.5);
    expect((await h.ai.classify('Paczka miała dotrzeć w piątek, a kurier wciąż jej nie dostarczył.', labels)).label).toBe('shipping');
    expect((await h.ai.classify('Słuchawki przestały działać po tygodniu, lewa nie gra.', labels)).label).toBe('product');
  });

  it('refuses a text over 50,000 characters with a capability error (the chain moves on), and reads one just under', async () => {
    const long = 'The parcel is late. '.repeat(2_501);
    const error = await h.ai.classify(long, ['billing', 'shipping']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).failures[0]).toMatchObject({ provider: 'local', reason: 'capability', message: expect.stringContaining('at most 50000') });
    expect((await h.ai.classify(long.slice(0, 50_000), ['billing', 'shipping'])).label).toBe('shipping');
  });

  it('summarizes extractively within the word limit, in the text’s own sentences', async () => {
    const text =
      'The new headphones arrived on Monday. The sound quality of the headphones is excellent and the battery lasts two days. ' +
      'Unfortunately the headphones case was scratched. Support replaced the case within a week. Overall the headphones are a great buy.';
    const summary = await h.ai.summarize(text, { maxWords: 25 });
    expect(summary.split(/\s+/).length).toBeLessThanOrEqual(25);
    for (const sentence of summary.split(/(?<=\.)\s+/)) expect(text).toContain(sentence);
    expect(await h.ai.summarize('Short text.', { maxWords: 25 })).toBe('Short text.');
  });

  it('extracts what it can find by field name into a validated class instance', async () => {
    const ticket = await h.ai.extract(
      'Hi, this is maya.chen@example.com. Order #1003 was charged €49.90 but the delivery was late and the delivery box was damaged.',
      TicketDto,
    );
    expect(ticket).toBeInstanceOf(TicketDto);
    expect(ticket).toMatchObject({ email: 'maya.chen@example.com', orderId: '1003', amount: 49.9 });
    expect(ticket.topics[0]).toBe('delivery');
    expect(ticket.phone).toBeUndefined();
    const error = await h.ai.extract('nothing useful here', TicketDto).catch((e: unknown) => e);
    expect((error as AiUnavailableError).failures[0]).toMatchObject({ reason: 'capability', message: expect.stringContaining('email, orderId, amount') });
  });

  it('answers the prompt forms it recognises in chat(), at no cost', async () => {
    const summary = await h.ai.chat({ messages: ask('Summarize in 8 words: The order shipped late. The customer got a refund. Everyone is happy now.') });
    expect(summary).toMatchObject({ provider: 'local', model: 'aiwire-local-1', costUsd: 0, usage: { inputTokens: 0, outputTokens: 0 } });
    expect(summary.text.split(/\s+/).length).toBeLessThanOrEqual(8);
    expect(JSON.parse((await h.ai.chat({ messages: ask('Sentiment: I really love this shop') })).text)).toMatchObject({ label: 'positive', language: 'en' });
    expect(JSON.parse((await h.ai.chat({ messages: ask('Classify into billing, shipping or other: my invoice is wrong') })).text)).toMatchObject({ label: 'billing' });
  });

  it('never pretends to be an LLM: anything else is a ProviderCapabilityError', async () => {
    const error = (await h.ai.chat({ messages: ask('What is the capital of France?') }).catch((e: unknown) => e)) as AiUnavailableError;
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error.cause as Error).name).toBe('ProviderCapabilityError');
    expect(error.message).toContain('not a language model');
  });
});
