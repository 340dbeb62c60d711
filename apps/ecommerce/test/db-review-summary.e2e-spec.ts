import { sql } from 'drizzle-orm';
import { connectDatabase, reviewSummary, schema as s, type DatabaseConnection, type DatabaseDriver } from '../src/db/index.js';
import { admin, createTestDatabase, type TestDatabase } from '../src/db/testing/test-database.js';

// A zone far from UTC, so a week truncated in the session's zone instead of UTC lands elsewhere:
// Sunday 23:30 UTC is already Monday in Auckland.
const FAR_ZONE = 'Pacific/Auckland';

type Analysis = [s.SentimentLabel, number, string[]];
/** [rating, written at, analysis: [label, score, topics] or none] of the lamp's reviews. */
const LAMP: [number, string, Analysis | null][] = [
  [5, '2026-11-16T10:00:00Z', ['positive', 0.8, ['Battery', 'sound']]],
  [4, '2026-11-18T12:00:00Z', ['positive', 0.4, ['battery', 'battery', 'comfort']]],
  [1, '2026-11-29T23:30:00Z', ['negative', -0.9, ['battery', 'shipping']]],
  [3, '2026-11-30T08:00:00Z', ['neutral', 0, []]],
  [2, '2026-12-01T09:00:00Z', null],
];

describe.each<DatabaseDriver>(['pglite', 'pg'])('the per-product review summary on %s', (driver) => {
  let target: TestDatabase;
  let connection: DatabaseConnection;
  let lamp: number;
  let mug: number;
  let unreviewed: number;

  beforeAll(async () => {
    target = await createTestDatabase(driver);
    if (driver === 'pg') await admin(`ALTER DATABASE "${new URL(target.options.url!).pathname.slice(1)}" SET timezone = '${FAR_ZONE}'`);
    connection = await connectDatabase(target.options);
    const { db } = connection;
    if (driver === 'pglite') await db.execute(sql.raw(`SET TIME ZONE '${FAR_ZONE}'`));
    expect(((await db.execute(sql`SHOW timezone`)) as unknown as { rows: { TimeZone: string }[] }).rows[0]?.TimeZone).toBe(FAR_ZONE);

    [lamp, mug, unreviewed] = (await db.insert(s.products).values([{ title: 'Lamp' }, { title: 'Mug' }, { title: 'Kettle' }]).returning()).map((p) => p.id) as [number, number, number];
    const seed: [number, number, string, Analysis | null][] = [...LAMP.map(([rating, at, analysis]) => [lamp, rating, at, analysis] as [number, number, string, Analysis | null]), [mug, 5, '2026-11-17T09:00:00Z', ['positive', 1, ['price']]]];
    for (const [i, [productId, rating, at, analysis]] of seed.entries()) {
      const [review] = await db.insert(s.reviews).values({ externalId: `rev_${i}`, productId, rating, body: 'text', createdAt: new Date(at) }).returning();
      if (!analysis) continue;
      const [sentimentLabel, sentimentScore, topics] = analysis;
      await db.insert(s.reviewAnalyses).values({ reviewId: review!.id, sentimentLabel, sentimentScore, topics, qualityScore: 0.5, model: 'local' });
    }
  }, 60_000);
  afterAll(async () => {
    await connection?.close();
    await target?.drop();
  });

  it('aggregates one product: means, label distribution, topics by reviews mentioning them, UTC weeks', async () => {
    expect(await reviewSummary(connection.db, lamp)).toEqual({
      productId: lamp,
      reviews: 5,
      analysed: 4,
      meanRating: 3,
      meanSentiment: 0.075,
      distribution: { positive: 2, neutral: 1, negative: 1 },
      topTopics: [{ topic: 'battery', reviews: 3 }, { topic: 'comfort', reviews: 1 }, { topic: 'shipping', reviews: 1 }, { topic: 'sound', reviews: 1 }],
      trend: [
        { week: '2026-11-16', reviews: 2, meanRating: 4.5, meanSentiment: 0.6 },
        { week: '2026-11-23', reviews: 1, meanRating: 1, meanSentiment: -0.9 },
        { week: '2026-11-30', reviews: 2, meanRating: 2.5, meanSentiment: 0 },
      ],
    });
  });

  it('narrows to a window and to fewer topics', async () => {
    const summary = await reviewSummary(connection.db, lamp, { since: new Date('2026-11-23T00:00:00Z'), topTopics: 1 });
    expect(summary).toMatchObject({ reviews: 3, analysed: 2, meanRating: 2, meanSentiment: -0.45, distribution: { positive: 0, neutral: 1, negative: 1 } });
    expect(summary?.topTopics).toEqual([{ topic: 'battery', reviews: 1 }]);
    expect(summary?.trend.map((w) => w.week)).toEqual(['2026-11-23', '2026-11-30']);
  });

  it('answers a product without reviews with zeros, and an unknown product with undefined', async () => {
    expect(await reviewSummary(connection.db, unreviewed)).toEqual({
      productId: unreviewed, reviews: 0, analysed: 0, meanRating: null, meanSentiment: null,
      distribution: { positive: 0, neutral: 0, negative: 0 }, topTopics: [], trend: [],
    });
    expect(await reviewSummary(connection.db, 999_999)).toBeUndefined();
    expect((await reviewSummary(connection.db, mug))?.topTopics).toEqual([{ topic: 'price', reviews: 1 }]);
  });
});
