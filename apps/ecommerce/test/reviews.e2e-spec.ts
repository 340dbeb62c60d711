import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { FlowsService, type FlowRunDetail } from '@aiwire/flows';
import type { DatabaseDriver } from '../src/db/index.js';
import { schema as s } from '../src/db/index.js';
import { DEMO_SECRETS, type RunningShop } from '../src/shop/start-shop.js';
import { startTestShop } from './test-shop.js';
import { REVIEW_SUBMITTED_FLOW } from '../src/reviews/review-submitted.flow.js';
import { waitFor } from '../../../test/support/wait.js';

const HEADPHONES = 9_200_000_000_001;
const KETTLE = 9_200_000_000_002;
const LAMP = 9_200_000_000_003;
const HAPPY = 'hanna.happy@example.com';
const UNHAPPY = 'otto.unhappy@example.com';

/** One positive and one negative review in each language the offline provider reads. */
const REVIEWS: { language: string; label: 'positive' | 'negative'; rating: number; title: string; body: string }[] = [
  { language: 'en', label: 'positive', rating: 5, title: 'Great headphones', body: 'The sound is excellent and the battery lasts forever.' },
  { language: 'en', label: 'negative', rating: 1, title: 'Terrible quality', body: 'The headband fell apart after a week. Very disappointed.' },
  { language: 'fr', label: 'positive', rating: 5, title: 'Casque excellent', body: 'Le son est magnifique et la batterie tient longtemps.' },
  { language: 'fr', label: 'negative', rating: 2, title: 'Produit décevant', body: 'Il est tombé en panne au bout de deux jours. Très mauvaise qualité.' },
  { language: 'it', label: 'positive', rating: 5, title: 'Cuffie fantastiche', body: 'Suono ottimo e batteria eccellente.' },
  { language: 'it', label: 'negative', rating: 1, title: 'Pessima qualità', body: 'Si è rotto dopo due giorni. Sono molto deluso.' },
  { language: 'pl', label: 'positive', rating: 5, title: 'Świetne słuchawki', body: 'Dźwięk jest doskonały, bateria wytrzymuje długo.' },
  { language: 'pl', label: 'negative', rating: 1, title: 'Fatalna jakość', body: 'Zepsuło się po dwóch dniach. Jestem bardzo rozczarowany.' },
  { language: 'da', label: 'positive', rating: 4, title: 'Fantastiske hovedtelefoner', body: 'Lyden er fremragende og batteriet holder længe.' },
  { language: 'da', label: 'negative', rating: 1, title: 'Elendig kvalitet', body: 'Den gik i stykker efter to dage. Meget skuffet.' },
  { language: 'ro', label: 'positive', rating: 5, title: 'Căști excelente', body: 'Sunetul este minunat și bateria ține mult.' },
  { language: 'ro', label: 'negative', rating: 2, title: 'Calitate proastă', body: 'S-a stricat după două zile. Sunt foarte dezamăgit.' },
];

type Summary = {
  productId: number; title: string; reviews: number; analysed: number; meanRating: number | null; meanSentiment: number | null;
  distribution: Record<'positive' | 'neutral' | 'negative', number>; topTopics: { topic: string; reviews: number }[];
  trend: { week: string; reviews: number; meanRating: number; meanSentiment: number | null }[];
};

describe.each<DatabaseDriver>(['pglite', 'pg'])('review submitted → analysis on %s', (driver) => {
  let shop: RunningShop;
  let flows: FlowsService;

  beforeAll(async () => {
    shop = await startTestShop(driver);
    flows = shop.app.get(FlowsService);
    const { shopify, hubspot } = shop.sandbox.state;
    shopify.createProduct({ id: HEADPHONES, title: 'Aurora Studio Headphones', vendor: 'Aurora Audio', productType: 'Headphones', price: 149, sku: 'AUR-ST-01' });
    shopify.createProduct({ id: KETTLE, title: 'Copper Kettle', vendor: 'Terra Goods', productType: 'Kitchen', price: 39, sku: 'TER-KT-01' });
    shopify.createProduct({ id: LAMP, title: 'Lumen Desk Lamp', vendor: 'Lumen', productType: 'Lighting', price: 59, sku: 'LUM-DL-02' });
    hubspot.createContact({ email: HAPPY, firstname: 'Hanna', lastname: 'Happy' });
    hubspot.createContact({ email: UNHAPPY, firstname: 'Otto', lastname: 'Unhappy' });
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });

  const contactId = (email: string) => [...shop.sandbox.state.hubspot.contacts.values()].find((c) => c.properties.email === email)!.id;
  const notesOf = (email: string) => shop.sandbox.state.hubspot.associatedWith(contactId(email), 'notes').map((n) => n.properties.hs_note_body ?? '');
  const reviewsChannel = () => shop.sandbox.state.slack.messagesIn('#reviews').map((m) => m.text);

  async function finished(runId: string): Promise<FlowRunDetail> {
    return waitFor(async () => {
      const run = await flows.get(runId);
      return run && ['completed', 'failed'].includes(run.status) ? run : undefined;
    }, 20_000, `run ${runId} to finish`);
  }

  /** Sends a signed `review.created` as the helpdesk does, and resolves with the finished run. */
  async function deliver(data: Record<string, unknown>, id = `evt_${randomUUID()}`): Promise<FlowRunDetail> {
    const answer = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/helpdesk`, 'hmac-sha256', { type: 'review.created', payload: data, id }, DEMO_SECRETS.helpdesk);
    expect(answer.status).toBe(202);
    return finished(id);
  }

  const review = (fields: Partial<Record<string, unknown>> = {}) => ({
    id: `rev_${randomUUID()}`, product_id: String(KETTLE), customer_email: HAPPY, rating: 4, title: 'Good kettle',
    body: 'It boils water quickly and the handle stays cool.', created_at: new Date().toISOString(), ...fields,
  });

  it('labels reviews in all six languages; stores each with its analysis; notes the CRM; alerts #reviews for the unhappy ones', async () => {
    const headers = { 'content-type': 'application/json', 'x-api-key': shop.sandbox.credentials.helpdeskApiKey };
    const posted: string[] = [];
    for (const r of REVIEWS) {
      const answer = await fetch(`${shop.sandbox.urls.helpdesk}/helpdesk/reviews`, {
        method: 'POST', headers,
        body: JSON.stringify({ product_id: String(HEADPHONES), customer_email: r.label === 'positive' ? HAPPY : UNHAPPY, rating: r.rating, title: r.title, body: r.body }),
      });
      expect(answer.status).toBe(201);
      posted.push(((await answer.json()) as { id: string }).id);
    }
    await shop.sandbox.whenIdle();
    const runs = await waitFor(async () => {
      const { runs: all } = await flows.list({ flow: REVIEW_SUBMITTED_FLOW, limit: 500 });
      const ours = all.filter((r) => posted.includes((r.input as { data: { id: string } }).data.id));
      return ours.length === REVIEWS.length && ours.every((r) => r.status === 'completed' || r.status === 'failed') ? ours : undefined;
    }, 30_000, 'the twelve review runs');
    expect(runs.map((r) => [r.status, r.error])).toEqual(Array(REVIEWS.length).fill(['completed', undefined]));

    const rows = await shop.db.select({ externalId: s.reviews.externalId, language: s.reviews.language, rating: s.reviews.rating, label: s.reviewAnalyses.sentimentLabel, model: s.reviewAnalyses.model, quality: s.reviewAnalyses.qualityScore, topics: s.reviewAnalyses.topics })
      .from(s.reviews).innerJoin(s.reviewAnalyses, eq(s.reviewAnalyses.reviewId, s.reviews.id)).where(inArray(s.reviews.externalId, posted));
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    expect(REVIEWS.map((r, i) => [r.language, byId.get(posted[i]!)?.language, byId.get(posted[i]!)?.label]))
      .toEqual(REVIEWS.map((r) => [r.language, r.language, r.label]));
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set(['local']));
    expect(rows.every((r) => r.topics.length > 0 && r.quality > 0)).toBe(true);

    // The outside world: one CRM note per review on the reviewer's contact, one #reviews alert per unhappy review.
    expect(notesOf(HAPPY)).toHaveLength(6);
    expect(notesOf(UNHAPPY)).toHaveLength(6);
    expect(notesOf(UNHAPPY)).toContainEqual(expect.stringContaining('Review of Aurora Studio Headphones: 1★ "Terrible quality"\nSentiment: negative'));
    const alerts = reviewsChannel();
    expect(alerts).toHaveLength(6);
    for (const r of REVIEWS.filter((x) => x.label === 'negative')) {
      expect(alerts).toContainEqual(expect.stringContaining(`Unhappy review of *Aurora Studio Headphones* from ${UNHAPPY}: ${r.rating}★ "${r.title}" — negative`));
    }
    const [product] = await shop.db.select().from(s.products).where(eq(s.products.shopifyId, HEADPHONES));
    expect(product).toMatchObject({ title: 'Aurora Studio Headphones', price: 149 });
    const [reviewer] = await shop.db.select().from(s.customers).where(eq(s.customers.email, UNHAPPY));
    expect(reviewer).toBeDefined();
  }, 60_000);

  it("the summary endpoint's figures equal a hand computation over the stored analyses", async () => {
    // Written over three UTC weeks (the trend), delivered as the helpdesk signs them.
    const written = [
      ['2026-11-02T09:00:00Z', 5, 'Perfect lamp', 'Bright, warm light and a sturdy base. Excellent value.'],
      ['2026-11-05T18:30:00Z', 4, 'Nice lamp', 'Good light for reading, the switch feels solid.'],
      ['2026-11-09T23:30:00Z', 1, 'Broken on arrival', 'The base was cracked and the light flickers. Terrible.'],
      ['2026-11-15T23:59:00Z', 2, 'Disappointing', 'The light is too dim and the switch broke after a week.'],
      ['2026-11-16T00:01:00Z', 3, 'It is a lamp', 'It gives light. The cable is two metres long.'],
    ] as const;
    for (const [at, rating, title, body] of written) {
      const run = await deliver(review({ product_id: String(LAMP), rating, title, body, created_at: at, customer_email: rating >= 3 ? HAPPY : UNHAPPY }));
      expect([run.status, run.error]).toEqual(['completed', undefined]);
    }
    const answer = await fetch(`${shop.url}/products/${LAMP}/reviews/summary`);
    expect(answer.status).toBe(200);
    const summary = (await answer.json()) as Summary;

    const [lamp] = await shop.db.select({ id: s.products.id }).from(s.products).where(eq(s.products.shopifyId, LAMP));
    const stored = await shop.db.select({ at: s.reviews.createdAt, rating: s.reviews.rating, label: s.reviewAnalyses.sentimentLabel, score: s.reviewAnalyses.sentimentScore, topics: s.reviewAnalyses.topics })
      .from(s.reviews).innerJoin(s.reviewAnalyses, eq(s.reviewAnalyses.reviewId, s.reviews.id)).where(eq(s.reviews.productId, lamp!.id));
    expect(stored.map((r) => r.at.toISOString()).sort()).toEqual(written.map(([at]) => new Date(at).toISOString()));
    const mean = (xs: number[], digits: number) => Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(digits));
    const monday = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7))).toISOString().slice(0, 10);
    const mentions = new Map<string, number>();
    for (const r of stored) for (const t of new Set(r.topics)) mentions.set(t, (mentions.get(t) ?? 0) + 1);
    const weeks = [...new Set(stored.map((r) => monday(r.at)))].sort();

    expect(summary).toEqual({
      productId: LAMP,
      title: 'Lumen Desk Lamp',
      reviews: 5,
      analysed: 5,
      meanRating: 3, // (5 + 4 + 1 + 2 + 3) / 5
      meanSentiment: mean(stored.map((r) => r.score), 3),
      distribution: { positive: stored.filter((r) => r.label === 'positive').length, neutral: stored.filter((r) => r.label === 'neutral').length, negative: stored.filter((r) => r.label === 'negative').length },
      topTopics: [...mentions].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1)).slice(0, 5).map(([topic, reviews]) => ({ topic, reviews })),
      trend: weeks.map((week) => {
        const of = stored.filter((r) => monday(r.at) === week);
        return { week, reviews: of.length, meanRating: mean(of.map((r) => r.rating), 2), meanSentiment: mean(of.map((r) => r.score), 3) };
      }),
    });
    // The weeks by hand: Monday 2 Nov (two reviews), 9 Nov (Monday 9th and Sunday 15th 23:59), 16 Nov (Monday 00:01).
    expect(summary.trend.map((w) => [w.week, w.reviews, w.meanRating])).toEqual([['2026-11-02', 2, 4.5], ['2026-11-09', 2, 1.5], ['2026-11-16', 1, 3]]);
    expect(summary.distribution.positive).toBeGreaterThanOrEqual(2);
    expect(summary.distribution.negative).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('answers 404 for a product the shop does not know, 400 for a malformed id', async () => {
    const unknown = await fetch(`${shop.url}/products/9299999999999/reviews/summary`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain('No product with Shopify id 9299999999999');
    expect((await fetch(`${shop.url}/products/lamp/reviews/summary`)).status).toBe(400);
  });

  it('is described in /docs', async () => {
    type Doc = { paths: Record<string, { get: { tags: string[]; responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const doc = (await (await fetch(`${shop.url}/docs-json`)).json()) as Doc;
    const route = doc.paths['/products/{shopifyProductId}/reviews/summary']!.get;
    expect(route.tags).toEqual(['reviews']);
    expect(Object.keys(route.responses).sort()).toEqual(['200', '400', '404']);
    expect(route.responses['200']!.content!['application/json']!.schema.$ref).toBe('#/components/schemas/ProductReviewSummaryDto');
    expect(Object.keys(doc.components.schemas.ProductReviewSummaryDto!.properties)).toEqual(
      ['productId', 'title', 'reviews', 'analysed', 'meanRating', 'meanSentiment', 'distribution', 'topTopics', 'trend'],
    );
  });

  it('a duplicate delivery starts no second run and writes nothing twice', async () => {
    const data = review({ title: 'Kettle twice', body: 'It boils water quickly and quietly. Lovely copper finish.' });
    const id = `evt_${randomUUID()}`;
    expect((await deliver(data, id)).status).toBe('completed');
    const again = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/helpdesk`, 'hmac-sha256', { type: 'review.created', payload: data, id }, DEMO_SECRETS.helpdesk);
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const { runs } = await flows.list({ flow: REVIEW_SUBMITTED_FLOW, limit: 500 });
    expect(runs.filter((r) => (r.input as { data: { id: string } }).data.id === data.id)).toHaveLength(1);
    expect(await shop.db.$count(s.reviews, eq(s.reviews.externalId, data.id))).toBe(1);
    expect(notesOf(HAPPY).filter((n) => n.includes('"Kettle twice"'))).toHaveLength(1);
  });

  it('a reviewer the CRM does not know gets no note; the run still completes', async () => {
    const notes = shop.sandbox.state.hubspot.notes.size;
    const run = await deliver(review({ customer_email: 'walk.in@example.com', title: 'Kettle from a guest' }));
    expect([run.status, run.error]).toEqual(['completed', undefined]);
    expect(run.output).toMatchObject({ crmNoteId: null, unhappy: false, slackTs: null });
    expect(shop.sandbox.state.hubspot.notes.size).toBe(notes);
    const [guest] = await shop.db.select().from(s.customers).where(eq(s.customers.email, 'walk.in@example.com'));
    expect(guest).toMatchObject({ shopifyId: null, email: 'walk.in@example.com' });
  });

  it('a payload failing the DTO ends as a failed run naming the fields; nothing is written', async () => {
    const notes = shop.sandbox.state.hubspot.notes.size;
    const alerts = reviewsChannel().length;
    const data = review({ rating: 7, product_id: 'kettle', customer_email: 'not-an-email' });
    const run = await deliver(data);
    expect(run.status).toBe('failed');
    expect(run.error?.name).toBe('InvalidFlowInputError');
    for (const field of ['data.rating must not be greater than 5', 'data.product_id must be a number string', 'data.customer_email must be an email']) {
      expect(run.error?.message).toContain(field);
    }
    expect(run.steps).toEqual([]);
    expect(await shop.db.$count(s.reviews, eq(s.reviews.externalId, data.id))).toBe(0);
    expect(shop.sandbox.state.hubspot.notes.size).toBe(notes);
    expect(reviewsChannel()).toHaveLength(alerts);
    await shop.recorded();
    const [row] = await shop.db.select().from(s.flowRuns).where(eq(s.flowRuns.id, run.id));
    expect(row).toMatchObject({ flow: REVIEW_SUBMITTED_FLOW, status: 'failed', error: { message: expect.stringContaining('data.rating') } });
  });

  it('a review of a product Shopify does not know fails at once, saying which', async () => {
    const data = review({ product_id: '9299999999998' });
    const run = await deliver(data);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ name: 'UnknownReviewedProductError', message: expect.stringContaining(`cannot analyse review ${data.id}: Shopify has no product 9299999999998 (404)`) });
    expect(run.steps.map((st) => [st.id, st.status, st.attempts])).toEqual([['product', 'completed', 1]]);
    expect(await shop.db.$count(s.reviews, eq(s.reviews.externalId, data.id))).toBe(0);
  });

  it('Slack failing the #reviews post fails the run after its retries; replay posts it once, without a second CRM note', async () => {
    shop.sandbox.faults.inject('slack', { status: 500, times: 100, path: '/api/chat.postMessage' });
    const alerts = reviewsChannel().length;
    const data = review({ customer_email: UNHAPPY, rating: 1, title: 'Kettle leaks', body: 'Terrible kettle, it leaks everywhere. Very disappointed.' });
    const run = await deliver(data);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ step: 'slack-alert' });
    expect(run.steps.find((st) => st.id === 'slack-alert')).toMatchObject({ status: 'failed', attempts: 3 });
    expect(shop.sandbox.state.requests.filter('slack', 'POST /api/chat.postMessage').filter((r) => r.faulted)).toHaveLength(3);
    expect(reviewsChannel()).toHaveLength(alerts);
    expect(notesOf(UNHAPPY).filter((n) => n.includes('"Kettle leaks"'))).toHaveLength(1);

    shop.sandbox.faults.clear();
    await flows.replay(run.id);
    const replayed = await finished(run.id);
    expect([replayed.status, replayed.error]).toEqual(['completed', undefined]);
    expect(replayed.output).toMatchObject({ reviewId: data.id, sentiment: 'negative', unhappy: true, crmNoteId: expect.any(String), slackTs: expect.any(String) });
    expect(reviewsChannel().slice(alerts)).toEqual([expect.stringContaining('"Kettle leaks"')]);
    expect(notesOf(UNHAPPY).filter((n) => n.includes('"Kettle leaks"'))).toHaveLength(1);
    expect(await shop.db.$count(s.reviews, eq(s.reviews.externalId, data.id))).toBe(1);
  }, 60_000);

  it('HubSpot answering 429 to the note fails the run after its retries; replay creates the note once', async () => {
    shop.sandbox.faults.inject('hubspot', { status: 429, times: 100, path: '/crm/v3/objects/notes', headers: { 'Retry-After': '0' } });
    const data = review({ title: 'Kettle rate limited', body: 'A very good kettle, quick and quiet. Excellent.' });
    const run = await deliver(data);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ step: 'crm-note', message: expect.stringContaining('429') });
    expect(notesOf(HAPPY).filter((n) => n.includes('"Kettle rate limited"'))).toHaveLength(0);
    shop.sandbox.faults.clear();
    await flows.replay(run.id);
    expect((await finished(run.id)).status).toBe('completed');
    expect(notesOf(HAPPY).filter((n) => n.includes('"Kettle rate limited"'))).toHaveLength(1);
  }, 60_000);
});
