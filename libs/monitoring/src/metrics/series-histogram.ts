import { format, inspect } from 'node:util';
import { Histogram, type HistogramConfiguration, type ObserveDataWithExemplar } from 'prom-client';

type Labels<T extends string = string> = Partial<Record<T, string | number>>;
type HistogramData<T extends string> = Awaited<ReturnType<Histogram<T>['get']>>;

/** One label set of a `SeriesHistogram`, looked up once and kept: observing through it hashes nothing. */
export interface HistogramSeries {
  /** Counts `value` in its bucket, the sum and the count; throws a TypeError on a non-finite number, as prom-client does. */
  observe(value: number): void;
}

/** What prom-client's Histogram and Metric constructors set on the instance, left out of its typings. */
interface HistogramInternals {
  readonly name: string;
  readonly help: string;
  readonly aggregator: string;
  readonly labelNames: readonly string[];
  readonly upperBounds: readonly number[];
  readonly collect?: (this: unknown) => void | Promise<void>;
}

/** One line of the exposition, as prom-client's histogram builds it for the registry (lib/histogram.js, setValuePair). */
interface ExposedValue {
  labels: Record<string, string | number | undefined>;
  sharedLabels: Labels;
  value: number;
  metricName: string;
  exemplar: null | undefined;
}

type Tree = Map<string, Tree | Series>;

/** The observations of one label set: counts per bucket (not cumulative), sum and count. */
class Series implements HistogramSeries {
  /** The last slot counts the values above every bound: they show only in `+Inf` and `_count`. */
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;
  /** In the exposition: false until the first observation, and again after a reset or remove. */
  private live = false;

  constructor(
    private readonly exposed: Map<string, Series>,
    private readonly key: string,
    /** Printed as given the first time, in the caller's key order, as prom-client keeps the first labels object. */
    private readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${format(value)}`);
    if (!this.live) this.show();
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    this.counts[i]!++;
    this.sum += value;
    this.count += 1;
  }

  /** Puts the series in the exposition (last, unless it is there already). */
  show(): void {
    this.live = true;
    this.exposed.set(this.key, this);
  }

  /** Zeroes the series and takes it out of the exposition; the next observation brings it back. */
  hide(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
    this.live = false;
    this.exposed.delete(this.key);
  }

  /** Zeroes the series and keeps it in the exposition, where it was. */
  zero(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
    this.show();
  }

  /** Appends the lines prom-client prints for it: cumulative buckets, `+Inf`, `_sum`, `_count`. */
  expose(values: ExposedValue[], name: string): void {
    const bucket = `${name}_bucket`;
    let cumulative = 0;
    for (let i = 0; i < this.bounds.length; i++) {
      cumulative += this.counts[i]!;
      values.push({ labels: { le: this.bounds[i] }, sharedLabels: this.labels, value: cumulative, metricName: bucket, exemplar: null });
    }
    values.push(
      { labels: { le: '+Inf' }, sharedLabels: this.labels, value: this.count, metricName: bucket, exemplar: null },
      { labels: {}, sharedLabels: this.labels, value: this.sum, metricName: `${name}_sum`, exemplar: undefined },
      { labels: {}, sharedLabels: this.labels, value: this.count, metricName: `${name}_count`, exemplar: undefined },
    );
  }
}

/**
 * A prom-client Histogram whose label sets can be looked up once and observed cheaply: `series(...values)`
 * returns a handle that counts into a typed array, with no labels object, validation or hash per call.
 * The inherited `observe`, `labels`, `startTimer`, `zero`, `remove` and `reset` use the same series, and
 * `get()` and the registry print exactly what a plain Histogram would. Exemplars are not supported.
 */
export class SeriesHistogram<T extends string = string> extends Histogram<T> {
  /** Every series made, by prom-client's hash of its labels; a reset or remove only hides it, so handles stay valid. */
  private readonly index = new Map<string, Series>();
  /** The series in the exposition, in the order prom-client would print them (first observation first). */
  private readonly exposed = new Map<string, Series>();
  /** `series()` lookups: nested maps keyed by the label values, in `labelNames` order. */
  private readonly tree: Tree = new Map();
  private readonly names: readonly string[];
  private readonly sortedNames: readonly string[];

  constructor(configuration: HistogramConfiguration<T>) {
    if (configuration.enableExemplars) throw new Error('SeriesHistogram does not support exemplars');
    super(configuration);
    this.names = [...internals(this).labelNames];
    this.sortedNames = [...this.names].sort();
    // prom-client's constructor sets its own observe on the instance, which would shadow the method below.
    this.observe = SeriesHistogram.prototype.observe;
    // Like prom-client, a histogram without labels is printed (at zero) before its first observation.
    if (this.names.length === 0) this.zero({});
  }

  /** The handle of one label set, values in `labelNames` order; keep it, or call again (a few map lookups). */
  series(...values: string[]): HistogramSeries {
    if (values.length !== this.names.length) throw argumentCountError(this.names, values);
    let node = this.tree;
    const last = values.length - 1;
    for (let i = 0; i < last; i++) {
      let next = node.get(values[i]!) as Tree | undefined;
      if (next === undefined) node.set(values[i]!, (next = new Map()));
      node = next;
    }
    let series = node.get(values[last]!) as Series | undefined;
    if (series === undefined) node.set(values[last]!, (series = this.seriesOf(labelsOf(this.names, values))));
    return series;
  }

  /** prom-client's `observe`, into the series of these labels (one hash of the labels per call). */
  override observe(value: number): void;
  override observe(labels: Labels<T>, value: number): void;
  override observe(observeData: ObserveDataWithExemplar<T>): void;
  override observe(labelsOrValue?: Labels<T> | ObserveDataWithExemplar<T> | number, value?: number): void {
    // As prom-client's observeWithoutExemplar: a number (or nothing) first is the value of the unlabelled series.
    const given = labelsOrValue === 0 ? 0 : labelsOrValue || {};
    if (typeof given !== 'object') return this.seriesOf({}).observe(given as number);
    this.validate(given);
    this.seriesOf(given as Labels).observe(value as number);
  }

  /** prom-client's `labels`: a child bound to the series of these labels. */
  override labels(...values: string[]): Histogram.Internal<T>;
  override labels(labels: Labels<T>): Histogram.Internal<T>;
  override labels(...args: [Labels<T>] | string[]): Histogram.Internal<T> {
    const labels = this.labelsOfArguments(args);
    const series = this.seriesOf(labels);
    return { observe: (value) => series.observe(value), startTimer: () => this.startTimer(labels as Labels<T>) };
  }

  /** prom-client's `remove`: the series leaves the exposition, zeroed; a kept handle brings it back when observed. */
  override remove(...values: string[]): void;
  override remove(labels: Labels<T>): void;
  override remove(...args: [Labels<T>] | string[]): void {
    this.index.get(hashOf(this.labelsOfArguments(args), this.sortedNames))?.hide();
  }

  /** Like prom-client, unvalidated: the series is shown at zero, where it was or last. */
  override zero(labels: Labels<T>): void {
    this.seriesOf(labels).zero();
  }

  /** Empties the exposition (`registry.resetMetrics()`); handles stay valid and show their series again when observed. */
  override reset(): void {
    // Metric's constructor calls reset() before this class's fields exist.
    if ((this.exposed as Map<string, Series> | undefined) === undefined) return;
    for (const series of this.exposed.values()) series.hide(); // a Map's iteration allows deleting the current entry
  }

  /** The values as prom-client's `get()` gives them (labels with `le` first), for `getMetricsAsJSON` and AggregatorRegistry. */
  override async get(): Promise<HistogramData<T>> {
    const data = await this.getForPromString();
    return { ...data, values: data.values.map(splayLabels) } as unknown as HistogramData<T>;
  }

  /** What the registry prints (it calls this rather than `get()` when present), as prom-client's histogram builds it. */
  async getForPromString(): Promise<{ name: string; help: string; type: 'histogram'; values: ExposedValue[]; aggregator: string }> {
    const { name, help, aggregator, collect } = internals(this);
    if (collect) {
      const pending = collect.call(this);
      if (pending instanceof Promise) await pending;
    }
    const values: ExposedValue[] = [];
    for (const series of this.exposed.values()) series.expose(values, name);
    return { name, help, type: 'histogram', values, aggregator };
  }

  private seriesOf(labels: Labels): Series {
    const key = hashOf(labels, this.sortedNames);
    let series = this.index.get(key);
    if (series === undefined) this.index.set(key, (series = new Series(this.exposed, key, { ...labels }, internals(this).upperBounds)));
    return series;
  }

  /** prom-client's getLabels and validateLabel: an object, or one value per label name. */
  private labelsOfArguments(args: [Labels<T>] | string[]): Labels {
    if (typeof args[0] === 'object') {
      this.validate(args[0]);
      return args[0];
    }
    if (args.length !== this.names.length) throw argumentCountError(this.names, args as string[]);
    return labelsOf(this.names, args as string[]);
  }

  /** prom-client's validateLabel, same message. */
  private validate(labels: object): void {
    for (const label in labels) {
      if (!this.names.includes(label)) throw new Error(`Added label "${label}" is not included in initial labelset: ${inspect(this.names)}`);
    }
  }
}

function internals(histogram: Histogram<string>): HistogramInternals {
  return histogram as unknown as HistogramInternals;
}

/** prom-client's hashObject with label names: `name:value,` for each defined value, names sorted. */
function hashOf(labels: Labels, sortedNames: readonly string[]): string {
  let hash = '';
  for (const name of sortedNames) {
    const value = labels[name];
    if (value !== undefined) hash += `${name}:${value},`;
  }
  return hash;
}

function labelsOf(names: readonly string[], values: readonly string[]): Labels {
  const labels: Labels = {};
  for (let i = 0; i < names.length; i++) labels[names[i]!] = values[i];
  return labels;
}

function argumentCountError(names: readonly string[], values: readonly string[]): Error {
  return new Error(`Invalid number of arguments (${values.length}): "${values.join(', ')}" for label names (${names.length}): "${names.join(', ')}".`);
}

/** prom-client's splayLabels, for `get()`: the series labels after `le`. */
function splayLabels({ sharedLabels, labels, ...rest }: ExposedValue): Omit<ExposedValue, 'sharedLabels'> {
  for (const label of Object.keys(sharedLabels)) labels[label] = sharedLabels[label];
  return { ...rest, labels };
}
