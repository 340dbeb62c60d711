/**
 * A small parser of the Prometheus text exposition (format 0.0.4), strict enough that a malformed
 * line fails the test: every sample is `name{label="value",...} number`, and every sample's family
 * was announced by `# HELP` and `# TYPE` lines before it.
 */
export interface Exposition {
  /** `name{a="1",b="2"}` (labels sorted) → value. */
  readonly samples: ReadonlyMap<string, number>;
  /** Family name → `counter`, `gauge`, `histogram`, ... */
  readonly types: ReadonlyMap<string, string>;
  /** The value of one series, or undefined when it is absent. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** Every series of `name`, with its labels. */
  series(name: string): Array<{ labels: Record<string, string>; value: number }>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
const SUFFIXES = ['_bucket', '_count', '_sum', ''];

export function seriesKey(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.keys(labels).sort().map((k) => `${k}="${labels[k]}"`);
  return pairs.length ? `${name}{${pairs.join(',')}}` : name;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`Malformed labels in exposition line: ${line}`);
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

export function parseExposition(text: string): Exposition {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const byName = new Map<string, Array<{ labels: Record<string, string>; value: number }>>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      helped.add(line.split(' ')[2]!);
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types.set(name!, type!);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`Malformed exposition line: ${line}`);
    const [, name, labelText, raw] = match as unknown as [string, string, string | undefined, string];
    const family = SUFFIXES.map((s) => (s && name.endsWith(s) ? name.slice(0, -s.length) : name)).find((f) => types.has(f));
    if (family === undefined || !helped.has(family)) throw new Error(`Sample before its # HELP/# TYPE: ${line}`);
    // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes `Nan`).
    const value = /^[+-]?inf$/i.test(raw) ? (raw.startsWith('-') ? -Infinity : Infinity) : /^nan$/i.test(raw) ? NaN : Number(raw);
    if (Number.isNaN(value) && !/^nan$/i.test(raw)) throw new Error(`Malformed value: ${line}`);
    const labels = labelText ? parseLabels(labelText, line) : {};
    const key = seriesKey(name, labels);
    if (samples.has(key)) throw new Error(`Duplicate series: ${key}`);
    samples.set(key, value);
    byName.set(name, [...(byName.get(name) ?? []), { labels, value }]);
  }
  return {
    samples,
    types,
    value: (name, labels) => samples.get(seriesKey(name, labels)),
    series: (name) => byName.get(name) ?? [],
  };
}
