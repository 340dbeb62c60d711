import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { FlowsService, type FlowRunDetail } from '@aiwire/flows';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import type { DatabaseDriver } from '../src/db/index.js';
import { schema as s } from '../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '../src/db/testing/test-database.js';
import { startShop, DEMO_SECRETS, type RunningShop } from '../src/shop/start-shop.js';
import { PRODUCT_VIEWED_FLOW } from '../src/recommendations/product-viewed.flow.js';
import { waitFor } from '../../../test/support/wait.js';

const DAY = 86_400_000;

/** The catalogue: Shopify ids chosen to read well in failures. */
const P = {
  lamp: 9_100_000_000_001, floorLamp: 9_100_000_000_002,
  speaker: 9_100_000_000_011, studio: 9_100_000_000_012, earbuds: 9_100_000_000_013,
  mug: 9_100_000_000_021, kettle: 9_100_000_000_022, knife: 9_100_000_000_023,
  shoes: 9_100_000_000_031,
} as const;
const C = { ana: 7_100_000_000_001, ben: 7_100_000_000_002, cara: 7_100_000_000_003, dan: 7_100_000_000_004, eve: 7_100_000_000_005, fay: 7_100_000_000_006, gus: 7_100_000_000_007 } as const;

/**
 * An unseeded sandbox with a shop whose history tells its customers apart: Ana buys audio (129.00),
 * Ben kitchen (24.50), Cara bought audio 300 days ago and kitchen 3 days ago. Dan bought the desk
 * lamp with the floor lamp; Eve, Fay and Gus made the running shoes the best seller.
 */
async function shopSandbox(): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, seed: false });
  const shopify = sandbox.state.shopify;
  const now = Date.now();
  const product = (id: number, title: string, productType: string, price: number, description: string) =>
    shopify.createProduct({ id, title, vendor: 'Aiwire Goods', productType, price, sku: `SKU-${id}`, description: `<p>${description}</p>`, createdAt: now - 200 * DAY });
  product(P.lamp, 'Lumen Desk Lamp', 'Lighting', 59, 'LED desk lamp.');
  product(P.floorLamp, 'Glow Floor Lamp', 'Lighting', 89, 'Warm light for the living room.');
  product(P.speaker, 'Pulse Bluetooth Speaker', 'Speakers', 45, 'Pocket speaker with deep bass.');
  product(P.studio, 'Studio Monitor Headphones', 'Headphones', 249, 'Reference sound for mixing.');
  product(P.earbuds, 'Aurora Wireless Headphones', 'Headphones', 129, 'Noise-cancelling, 30-hour battery.');
  product(P.mug, 'Terra Ceramic Mug', 'Kitchen', 24.5, 'Stoneware mug, 350 ml.');
  product(P.kettle, 'Copper Kettle', 'Kitchen', 39, 'Stovetop kettle for tea.');
  product(P.knife, 'Chef Knife', 'Kitchen', 69, 'Forged steel knife for the kitchen.');
  product(P.shoes, 'Nimbus Running Shoes', 'Shoes', 89.95, 'Light trainers for daily runs.');
  for (const [name, id] of Object.entries(C)) {
    shopify.createCustomer({ id, firstName: name[0]!.toUpperCase() + name.slice(1), lastName: 'Tester', email: `${name}@example.com`, createdAt: now - 400 * DAY });
  }
  const order = (customerId: number, productIds: number[], days: number) =>
    shopify.createOrder({ customerId, lineItems: productIds.map((productId) => ({ productId, quantity: 1 })), financialStatus: 'paid', createdAt: now - days * DAY });
  order(C.ana, [P.earbuds], 10);
  order(C.ben, [P.mug], 5);
  order(C.cara, [P.earbuds], 300);
  order(C.cara, [P.mug], 3);
  order(C.dan, [P.lamp, P.floorLamp], 20);
  for (const customer of [C.eve, C.fay, C.gus]) order(customer, [P.shoes], 15);
  return sandbox;
}

describe.each<DatabaseDriver>(['pglite', 'pg'])('product viewed → recommendations on %s', (driver) => {
  let target: TestDatabase;
  let sandbox: Sandbox;
  let shop: RunningShop;
  let flows: FlowsService;

  beforeAll(async () => {
    target = await createTestDatabase(driver);
    sandbox = await shopSandbox();
    shop = await startShop({ database: target.options, sandbox, logger: false, env: { LOG_LEVEL: 'silent' } });
    flows = shop.app.get(FlowsService);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
    await sandbox?.close();
    await target?.drop();
  });

  /** Sends a signed `product.viewed` and resolves with the finished run. */
  async function view(data: object, id = `msg_${randomUUID()}`): Promise<FlowRunDetail> {
    const answer = await sandbox.sendWebhook(`${shop.url}/webhooks/storefront`, 'standard', { type: 'product.viewed', payload: data, id }, DEMO_SECRETS.storefront);
    expect(answer.status).toBe(202);
    return finished(id);
  }

  async function finished(runId: string): Promise<FlowRunDetail> {
    return waitFor(async () => {
      const run = await flows.get(runId);
      return run && ['completed', 'failed'].includes(run.status) ? run : undefined;
    }, 20_000, `run ${runId} to finish`);
  }

  const recommendations = async (customerId: number) => fetch(`${shop.url}/customers/${customerId}/recommendations`);

  it("ranks by each customer's own history: categories they buy, their price band, recent purchases first", async () => {
    const runs = await Promise.all([C.ana, C.ben, C.cara].map((customer_id) => view({ customer_id, product_id: P.lamp })));
    expect(runs.map((r) => [r.flow, r.status, r.error])).toEqual(Array(3).fill([PRODUCT_VIEWED_FLOW, 'completed', undefined]));

    const [ana, ben, cara] = await Promise.all([C.ana, C.ben, C.cara].map(async (id) => {
      const answer = await recommendations(id);
      expect(answer.status).toBe(200);
      return (await answer.json()) as { customerId: number; viewedProductId: number; computedAt: string; explanation: string | null; items: { productId: number; title: string; score: number; reasons: string[] }[] };
    }));
    // All three see the floor lamp first: Dan bought it with the desk lamp they are looking at.
    // Then Ana (audio, 129.00) gets audio, the studio headphones (249) before the speaker (45), nearer her price band;
    // Ben (kitchen, 24.50) gets kitchen, the kettle (39) before the knife (69); Cara too: her audio purchase is 300 days old.
    expect(ana!.items.map((i) => i.productId).slice(0, 3)).toEqual([P.floorLamp, P.studio, P.speaker]);
    expect(ben!.items.map((i) => i.productId).slice(0, 3)).toEqual([P.floorLamp, P.kettle, P.knife]);
    expect(cara!.items.map((i) => i.productId).slice(0, 3)).toEqual([P.floorLamp, P.kettle, P.knife]);
    expect(ana).toMatchObject({ customerId: C.ana, viewedProductId: P.lamp, explanation: null, computedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(ana!.items[0]).toMatchObject({ title: 'Glow Floor Lamp', reasons: expect.arrayContaining(['bought together with the viewed product (1 of 1 orders)', 'same category as the viewed product (lighting)']) });
    expect(ana!.items[1]!.reasons).toContain('you buy audio (100% of your recent purchases)');
    expect(ben!.items[1]!.reasons).toEqual(expect.arrayContaining(['you buy kitchen (100% of your recent purchases)', 'in your usual price range (~24.50)']));
    expect(cara!.items[1]!.reasons).toContain('you buy kitchen (99% of your recent purchases)');
    // Never what they already own; the best seller (the shoes) never outranks what fits them.
    expect(ana!.items.map((i) => i.productId)).not.toContain(P.earbuds);
    expect(ben!.items.map((i) => i.productId)).not.toContain(P.mug);
    expect(ana!.items.findIndex((i) => i.productId === P.shoes)).not.toBeLessThan(3);

    // Our rows: the customer and products upserted (with the AI's categories), the list under the viewed product.
    const [anaRow] = await shop.db.select().from(s.customers).where(eq(s.customers.shopifyId, C.ana));
    expect(anaRow).toMatchObject({ email: 'ana@example.com', name: 'Ana Tester' });
    const rows = await shop.db.select({ productId: s.products.shopifyId, category: s.products.category, score: s.recommendations.score, viewed: s.recommendations.viewedProductId })
      .from(s.recommendations).innerJoin(s.products, eq(s.products.id, s.recommendations.productId)).where(eq(s.recommendations.customerId, anaRow!.id)).orderBy(s.recommendations.id);
    expect(rows.map((r) => r.productId)).toEqual(ana!.items.map((i) => i.productId));
    expect(rows.map((r) => r.score)).toEqual(ana!.items.map((i) => i.score));
    expect(rows.find((r) => r.productId === P.studio)?.category).toBe('audio');
    const [lamp] = await shop.db.select().from(s.products).where(eq(s.products.shopifyId, P.lamp));
    expect(lamp).toMatchObject({ title: 'Lumen Desk Lamp', category: 'lighting', price: 59 });
    expect(new Set(rows.map((r) => r.viewed))).toEqual(new Set([lamp!.id]));
  });

  it("a later view replaces the customer's list; a duplicate delivery starts no second run", async () => {
    const id = `msg_${randomUUID()}`;
    const run = await view({ customer_id: C.ana, product_id: P.kettle }, id);
    expect(run.status).toBe('completed');
    const again = await sandbox.sendWebhook(`${shop.url}/webhooks/storefront`, 'standard', { type: 'product.viewed', payload: { customer_id: C.ana, product_id: P.kettle }, id }, DEMO_SECRETS.storefront);
    expect(again.status).toBe(200);
    const body = (await (await recommendations(C.ana)).json()) as { viewedProductId: number; items: { productId: number }[] };
    expect(body.viewedProductId).toBe(P.kettle);
    expect(body.items.map((i) => i.productId)).not.toContain(P.kettle);
    const [anaRow] = await shop.db.select({ id: s.customers.id }).from(s.customers).where(eq(s.customers.shopifyId, C.ana));
    const rows = await shop.db.select().from(s.recommendations).where(eq(s.recommendations.customerId, anaRow!.id));
    expect(rows).toHaveLength(body.items.length);
    const { runs } = await flows.list({ flow: PRODUCT_VIEWED_FLOW, limit: 500 });
    expect(runs.filter((r) => r.id === id)).toHaveLength(1);
    await shop.recorded();
    const links = await shop.db.select().from(s.flowRunEvents).where(eq(s.flowRunEvents.runId, id));
    expect(links).toEqual([expect.objectContaining({ eventId: id, source: 'storefront', type: 'product.viewed' })]);
  });

  it('answers 404 with a clear message for an unknown customer, 400 for a malformed id', async () => {
    const unknown = await recommendations(7_199_999_999_999);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toBe(
      'No customer with Shopify id 7199999999999: recommendations are computed when the storefront reports a product view (product.viewed) by that customer.',
    );
    const malformed = await fetch(`${shop.url}/customers/abc/recommendations`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toBe('shopifyCustomerId must be a Shopify customer id (digits only).');
  });

  it('is described in /docs', async () => {
    type Doc = { paths: Record<string, { get: { tags: string[]; responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const doc = (await (await fetch(`${shop.url}/docs-json`)).json()) as Doc;
    const route = doc.paths['/customers/{shopifyCustomerId}/recommendations']!.get;
    expect(route.tags).toEqual(['recommendations']);
    expect(Object.keys(route.responses).sort()).toEqual(['200', '400', '404']);
    expect(route.responses['200']!.content!['application/json']!.schema.$ref).toBe('#/components/schemas/CustomerRecommendationsDto');
    expect(Object.keys(doc.components.schemas.CustomerRecommendationsDto!.properties)).toEqual(['customerId', 'viewedProductId', 'computedAt', 'explanation', 'items']);
  });

  it('a payload failing the DTO fails the run at once, naming the fields; nothing is written', async () => {
    const customersBefore = await shop.db.$count(s.customers);
    const run = await view({ customer_id: 'ana', product_id: -3 });
    expect(run.status).toBe('failed');
    expect(run.error?.name).toBe('InvalidFlowInputError');
    expect(run.error?.message).toContain('data.customer_id must be an integer number');
    expect(run.error?.message).toContain('data.product_id must be a positive number');
    expect(run.steps).toEqual([]);
    expect(await shop.db.$count(s.customers)).toBe(customersBefore);
  });

  it('a customer or product Shopify does not know fails the run without retries, saying which', async () => {
    const noCustomer = await view({ customer_id: 7_199_999_999_998, product_id: P.lamp });
    expect(noCustomer.status).toBe('failed');
    expect(noCustomer.error).toMatchObject({ name: 'UnknownShopifyRecordError', message: expect.stringContaining('Shopify has no customer 7199999999998 (404)') });
    expect(noCustomer.steps.map((st) => [st.id, st.status, st.attempts])).toEqual([['customer', 'completed', 1]]);
    const noProduct = await view({ customer_id: C.gus, product_id: 9_199_999_999_999 });
    expect(noProduct.error).toMatchObject({ name: 'UnknownShopifyRecordError', message: expect.stringContaining('Shopify has no product 9199999999999 (404)') });
    const [gus] = await shop.db.select().from(s.customers).where(eq(s.customers.shopifyId, C.gus));
    expect(gus).toBeUndefined();
  });

  it('Shopify rate-limiting the products read fails the run after its retries; replay completes it from that step', async () => {
    // Shopify's own 429 (a short Retry-After keeps the test quick): the connector retries it, then the step does.
    sandbox.faults.inject('shopify', { status: 429, times: 100, path: '/products.json', headers: { 'Retry-After': '0.1' } });
    const run = await view({ customer_id: C.eve, product_id: P.lamp });
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ step: 'products', message: expect.stringContaining('429') });
    expect(run.steps.find((st) => st.id === 'products')).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await recommendations(C.eve)).status).toBe(404);
    sandbox.faults.clear();
    const ordersRead = () => sandbox.state.requests.count('shopify', 'GET /admin/api/:version/orders.json') + sandbox.state.requests.count('shopify', 'GET /admin/api/:version/customers/:id/orders.json');
    const before = ordersRead();
    await flows.replay(run.id);
    const replayed = await finished(run.id);
    expect(replayed.status).toBe('completed');
    // The order histories were not read again: those steps replayed from Redis.
    expect(ordersRead()).toBe(before);
    const body = (await (await recommendations(C.eve)).json()) as { items: { productId: number }[] };
    expect(body.items[0]?.productId).toBe(P.floorLamp);
  }, 60_000);
});

/** The same shop with an LLM: the sandbox's OpenAI stand-in, as `OPENAI_API_KEY` + `OPENAI_BASE_URL` would name a real one. */
describe.each<DatabaseDriver>(['pglite', 'pg'])('product viewed → recommendations re-ranked by an LLM on %s', (driver) => {
  let target: TestDatabase;
  let sandbox: Sandbox;
  let shop: RunningShop;
  let flows: FlowsService;

  beforeAll(async () => {
    target = await createTestDatabase(driver);
    sandbox = await shopSandbox();
    shop = await startShop({
      database: target.options, sandbox, logger: false,
      env: { LOG_LEVEL: 'silent', OPENAI_API_KEY: sandbox.credentials.openaiApiKey, OPENAI_BASE_URL: `${sandbox.urls.openai}/v1` },
    });
    flows = shop.app.get(FlowsService);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
    await sandbox?.close();
    await target?.drop();
  });

  async function view(data: object): Promise<FlowRunDetail> {
    const id = `msg_${randomUUID()}`;
    const answer = await sandbox.sendWebhook(`${shop.url}/webhooks/storefront`, 'standard', { type: 'product.viewed', payload: data, id }, DEMO_SECRETS.storefront);
    expect(answer.status).toBe(202);
    return waitFor(async () => {
      const run = await flows.get(id);
      return run && ['completed', 'failed'].includes(run.status) ? run : undefined;
    }, 20_000, `run ${id} to finish`);
  }

  type Body = { explanation: string | null; items: { productId: number; reasons: string[] }[] };
  const recommendations = async (customerId: number) => (await (await fetch(`${shop.url}/customers/${customerId}/recommendations`)).json()) as Body;

  it("stores the LLM's order and its one-line explanation, asked with the customer's history", async () => {
    // First view: the categories come from the model too (then cached for a day); its re-rank is the stand-in's placeholder.
    const first = await view({ customer_id: C.ana, product_id: P.lamp });
    expect([first.status, first.error]).toEqual(['completed', undefined]);
    expect(first.output).toMatchObject({ rerankedBy: expect.stringMatching(/^openai:gpt-4o-mini/) });

    const explanation = 'You buy premium audio, so the knife and the speaker round out your kit.';
    sandbox.state.openai.answers.push({ order: [P.knife, P.speaker, 9_100_000_999_999], explanation });
    const asked = sandbox.state.openai.completions.length;
    const second = await view({ customer_id: C.ana, product_id: P.kettle });
    expect([second.status, second.error]).toEqual(['completed', undefined]);
    expect(second.steps.find((st) => st.id === 'ai-rerank')).toMatchObject({ status: 'completed', attempts: 1 });

    // One completion (the categories were cached): the re-rank, with the history and the candidates in the prompt.
    const requests = sandbox.state.openai.completions.slice(asked);
    expect(requests).toHaveLength(1);
    const prompt = (requests[0]!.body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;
    expect(prompt).toContain('Looking at: Copper Kettle');
    expect(prompt).toMatch(/- \d{4}-\d\d-\d\d: Aurora Wireless Headphones \(audio, 129\.00\)/);
    expect(prompt).toContain(`- id ${P.knife}: Chef Knife`);
    expect(requests[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'recommendations' } });

    // The LLM's picks first (the id it made up dropped), then the rule ranking's; the explanation on every row.
    const body = await recommendations(C.ana);
    expect(body.explanation).toBe(explanation);
    expect(body.items.map((i) => i.productId).slice(0, 2)).toEqual([P.knife, P.speaker]);
    expect(body.items).toHaveLength(4);
    const [ana] = await shop.db.select({ id: s.customers.id }).from(s.customers).where(eq(s.customers.shopifyId, C.ana));
    const rows = await shop.db.select().from(s.recommendations).where(eq(s.recommendations.customerId, ana!.id));
    expect(rows.map((r) => r.explanation)).toEqual(Array(4).fill(explanation));
  });

  it('keeps the rule ranking when the LLM keeps failing: the re-rank step shows failed, the run completes', async () => {
    await view({ customer_id: C.ben, product_id: P.kettle }); // categories cached, nothing scripted
    sandbox.faults.inject('openai', { status: 500, times: 20 });
    const run = await view({ customer_id: C.ben, product_id: P.lamp });
    sandbox.faults.clear();
    expect([run.status, run.error]).toEqual(['completed', undefined]);
    expect(run.steps.find((st) => st.id === 'ai-rerank')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.output).toMatchObject({ explanation: null, rerankedBy: null });
    const body = await recommendations(C.ben);
    expect(body.explanation).toBeNull();
    expect(body.items[0]?.productId).toBe(P.floorLamp);
  }, 30_000);
});
