import { AggregatorRegistry, Histogram, Registry, type HistogramConfiguration } from 'prom-client';
import { SeriesHistogram } from './series-histogram.js';

type Config = Omit<HistogramConfiguration<string>, 'registers'>;

/** A prom-client Histogram and a SeriesHistogram of the same config, each in its own registry. */
function twins(config: Config) {
  const plainRegistry = new Registry();
  const seriesRegistry = new Registry();
  const plain = new Histogram({ ...config, registers: [plainRegistry] });
  const fast = new SeriesHistogram({ ...config, registers: [seriesRegistry] });
  return {
    plain,
    fast,
    /** The same observations on both: `series(...values)` on the SeriesHistogram, `labels(...values)` on the plain one. */
    observe(values: string[], value: number): void {
      plain.labels(...values).observe(value);
      fast.series(...values).observe(value);
    },
    both(act: (histogram: Histogram<string>) => void): void {
      act(plain);
      act(fast);
    },
    async expectSameExposition(): Promise<string> {
      const text = await plainRegistry.metrics();
      expect(await seriesRegistry.metrics()).toBe(text);
      expect(await fast.get()).toEqual(await plain.get());
      expect(await seriesRegistry.getMetricsAsJSON()).toEqual(await plainRegistry.getMetricsAsJSON());
      return text;
    },
    plainRegistry,
    seriesRegistry,
  };
}

const labelled: Config = { name: 'job_seconds', help: 'Job durations.', labelNames: ['source', 'handler', 'outcome'], buckets: [0.01, 0.1, 1, 10] };

/** The message prom-client throws for `act`, and checks the SeriesHistogram throws the same. */
function expectSameError(plain: () => void, fast: () => void): string {
  let expected: unknown;
  try {
    plain();
  } catch (error) {
    expected = error;
  }
  expect(expected).toBeInstanceOf(Error);
  expect(fast).toThrow(expected as Error);
  return (expected as Error).message;
}

describe('SeriesHistogram', () => {
  it('prints what a prom-client Histogram prints: several label sets, bounds hit exactly, values above every bound', async () => {
    const t = twins(labelled);
    for (const value of [0, 0.01, 0.010001, 0.1, 1, 10, 10.5, 1e9, -3]) t.observe(['stripe', 'Billing.onCharge', 'completed'], value);
    t.observe(['github', 'Repo.onPush', 'retrying'], 0.25);
    t.observe(['stripe', 'Billing.onCharge', 'dead'], 99);
    t.observe(['github', 'Repo.onPush', 'retrying'], 0.5);
    const text = await t.expectSameExposition();
    expect(text).toContain('job_seconds_bucket{le="0.01",source="stripe",handler="Billing.onCharge",outcome="completed"} 3');
    expect(text).toContain('job_seconds_bucket{le="+Inf",source="stripe",handler="Billing.onCharge",outcome="completed"} 9');
    expect(text).toContain('job_seconds_count{source="github",handler="Repo.onPush",outcome="retrying"} 2');
    expect(text.indexOf('outcome="retrying"')).toBeLessThan(text.indexOf('outcome="dead"'));
  });

  it('prints the default buckets, and an unlabelled histogram at zero before its first observation', async () => {
    const t = twins({ name: 'unlabelled', help: 'No labels.' });
    expect(await t.expectSameExposition()).toContain('unlabelled_count 0');
    t.both((h) => h.observe(2.5));
    t.both((h) => h.observe(0));
    expect(await t.expectSameExposition()).toContain('unlabelled_bucket{le="2.5"} 2');
  });

  it('observes through the inherited observe, labels and startTimer into the same series as series()', async () => {
    const t = twins(labelled);
    const labels = { source: 'stripe', handler: 'Billing.onCharge', outcome: 'completed' };
    t.fast.series('stripe', 'Billing.onCharge', 'completed').observe(0.05);
    t.plain.observe(labels, 0.05);
    t.both((h) => h.observe(labels, 0.5));
    t.both((h) => h.observe({ handler: 'Billing.onCharge', outcome: 'completed', source: 'stripe' }, 5));
    t.both((h) => h.labels(labels).observe(0.005));
    t.both((h) => h.labels('stripe', 'Billing.onCharge', 'completed').observe(0.2));
    t.both((h) => h.startTimer({ source: 'stripe', handler: 'Billing.onCharge' })({ outcome: 'completed' }));
    t.both((h) => h.labels(labels).startTimer()());
    const text = await t.plainRegistry.metrics();
    expect(text).toContain('job_seconds_count{source="stripe",handler="Billing.onCharge",outcome="completed"} 7');
    expect(await t.seriesRegistry.getSingleMetricAsString('job_seconds')).toContain('job_seconds_count{source="stripe",handler="Billing.onCharge",outcome="completed"} 7');
    expect((await t.fast.get()).values.filter((v) => v.metricName === 'job_seconds_count')).toHaveLength(1);
  });

  it('prints labels in the order of the first observation, partial label sets, and numbers, as prom-client does', async () => {
    const t = twins(labelled);
    t.both((h) => h.observe({ outcome: 'dead', source: 'stripe', handler: 'H.m' }, 1));
    t.both((h) => h.observe({ source: 'stripe', handler: 'H.m', outcome: 'dead' }, 2));
    t.both((h) => h.observe({ source: 'github' }, 3));
    t.both((h) => h.observe({ source: 'github', handler: 7 as unknown as string }, 3));
    t.observe(['github', '7', ''], 4);
    expect(await t.expectSameExposition()).toContain('job_seconds_sum{outcome="dead",source="stripe",handler="H.m"} 3');
  });

  it('escapes label values needing it (quote, backslash, newline) as prom-client does', async () => {
    const t = twins(labelled);
    t.observe(['say "hi"', 'C:\\path\\to', 'line\nbreak'], 0.3);
    t.both((h) => h.observe({ source: 'a"b', handler: '\\', outcome: '\n' }, 3));
    const text = await t.expectSameExposition();
    expect(text).toContain('job_seconds_count{source="say \\"hi\\"",handler="C:\\\\path\\\\to",outcome="line\\nbreak"} 1');
  });

  it('empties on registry.resetMetrics(); a kept handle shows its series again when observed', async () => {
    const t = twins(labelled);
    const handle = t.fast.series('stripe', 'H.m', 'completed');
    handle.observe(0.5);
    t.plain.labels('stripe', 'H.m', 'completed').observe(0.5);
    t.observe(['github', 'H.m', 'dead'], 2);
    t.plainRegistry.resetMetrics();
    t.seriesRegistry.resetMetrics();
    expect(await t.expectSameExposition()).not.toContain('job_seconds_count');
    t.observe(['github', 'H.m', 'dead'], 0.02);
    handle.observe(0.07);
    t.plain.labels('stripe', 'H.m', 'completed').observe(0.07);
    const text = await t.expectSameExposition();
    expect(text).toContain('job_seconds_count{source="stripe",handler="H.m",outcome="completed"} 1');
    expect(text).toContain('job_seconds_sum{source="stripe",handler="H.m",outcome="completed"} 0.07');
  });

  it('removes and zeroes series as prom-client does', async () => {
    const t = twins(labelled);
    t.observe(['a', 'H.m', 'completed'], 1);
    t.observe(['b', 'H.m', 'completed'], 1);
    t.observe(['c', 'H.m', 'completed'], 1);
    t.both((h) => h.remove('a', 'H.m', 'completed'));
    t.both((h) => h.remove({ source: 'b', handler: 'H.m', outcome: 'completed' }));
    t.both((h) => h.remove('never', 'H.m', 'completed'));
    t.both((h) => h.zero({ source: 'c', handler: 'H.m', outcome: 'completed' }));
    t.both((h) => h.zero({ source: 'd', handler: 'H.m', outcome: 'completed' }));
    t.observe(['a', 'H.m', 'completed'], 3);
    const text = await t.expectSameExposition();
    expect(text).not.toContain('source="b"');
    expect(text).toContain('job_seconds_count{source="c",handler="H.m",outcome="completed"} 0');
    expect(text.indexOf('source="d"')).toBeLessThan(text.indexOf('source="a"'));
  });

  it('throws what prom-client throws: a non-finite value, an unknown label, a wrong number of label values', () => {
    const t = twins(labelled);
    expect(expectSameError(() => t.plain.labels('a', 'b', 'c').observe(Number.NaN), () => t.fast.series('a', 'b', 'c').observe(Number.NaN))).toContain('not a valid number');
    expectSameError(() => t.plain.observe({ source: 'a' }, Number.POSITIVE_INFINITY), () => t.fast.observe({ source: 'a' }, Number.POSITIVE_INFINITY));
    expectSameError(() => t.plain.observe({ nope: 'a' } as never, 1), () => t.fast.observe({ nope: 'a' } as never, 1));
    expectSameError(() => t.plain.labels('a', 'b'), () => t.fast.series('a', 'b'));
    expectSameError(() => t.plain.labels('a', 'b'), () => t.fast.labels('a', 'b'));
    expect(() => new SeriesHistogram({ name: 'x', help: 'x', enableExemplars: true, registers: [] })).toThrow('exemplars');
  });

  it('runs collect before reading, and aggregates across workers as a plain Histogram does', async () => {
    const make = (kind: typeof Histogram) => {
      const registry = new Registry();
      new kind({ ...labelled, registers: [registry], collect() { this.observe({ source: 'scrape', handler: 'H.m', outcome: 'completed' }, 0.5); } });
      return registry;
    };
    const [plain, fast] = [make(Histogram), make(SeriesHistogram as typeof Histogram)];
    const text = await fast.metrics();
    expect(text).toBe(await plain.metrics());
    expect(text).toContain('job_seconds_count{source="scrape",handler="H.m",outcome="completed"} 1');
    const aggregate = async (registry: Registry) => AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), await registry.getMetricsAsJSON()]).metrics();
    expect(await aggregate(fast)).toBe(await aggregate(plain));
  });
});
