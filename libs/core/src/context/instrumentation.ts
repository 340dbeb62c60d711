/**
 * A span attribute value (OpenTelemetry's, without its nulls).
 * @publicApi
 */
export type SpanAttributeValue = string | number | boolean | readonly string[];

/**
 * Span attributes under their semantic-convention names; undefined values are left out.
 * @publicApi
 */
export type SpanAttributes = Readonly<Record<string, SpanAttributeValue | undefined>>;

/**
 * A W3C Trace Context (`traceparent`, and `tracestate` when there is one), as a queued job carries it.
 * @publicApi
 */
export interface TraceCarrier {
  readonly traceparent: string;
  readonly tracestate?: string;
}

/**
 * How a span ended: attributes learnt meanwhile, and the error when the work failed (an `Error`,
 * or a short low-cardinality `error.type` such as `'503'`).
 * @publicApi
 */
export interface SpanOutcome {
  readonly attributes?: SpanAttributes;
  readonly error?: unknown;
}

/**
 * A started span.
 * @publicApi
 */
export interface InstrumentedSpan {
  /** Runs `fn` with this span active (and everything it starts, sync or async). */
  run<T>(fn: () => T): T;
  /** Ends the span, once. */
  end(outcome?: SpanOutcome): void;
}

/**
 * A PRODUCER span: `carrier` goes into the message, undefined when there is no trace to carry.
 * @publicApi
 */
export interface ProducerSpan extends InstrumentedSpan {
  readonly carrier: TraceCarrier | undefined;
}

/**
 * Tracing hooks, called by the libs where a trace needs a span: a webhook taken in (SERVER), a job
 * queued (PRODUCER), a job processed (CONSUMER). `@aiwire/monitoring` registers an OpenTelemetry
 * implementation when `tracing` is on; without one, a hook point costs the libs one property read.
 * @publicApi
 */
export interface Instrumentation {
  /** A SERVER span for one incoming request: child of the active span, else of the context in `headers`. */
  startServer(name: string, attributes: SpanAttributes, headers: Readonly<Record<string, string | string[] | undefined>>): InstrumentedSpan;
  /** A PRODUCER span for one message queued now, child of the active span. */
  startProducer(name: string, attributes: SpanAttributes): ProducerSpan;
  /** A CONSUMER span for one message processed: child of, and linked to, the producer context it carries. */
  startConsumer(name: string, attributes: SpanAttributes, carrier: TraceCarrier | undefined): InstrumentedSpan;
  /** An INTERNAL span for a unit of work inside the process (a flow step), child of the active span. */
  startInternal?(name: string, attributes: SpanAttributes): InstrumentedSpan;
}

interface Registry {
  /** The instrumentation in use: the last registered still registered. */
  current: Instrumentation | undefined;
  readonly registered: Instrumentation[];
}

// One registry per process, whatever number of copies of @aiwire/core are installed (as correlation.ts).
const REGISTRY_KEY = Symbol.for('aiwire.instrumentation');
const holder = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Registry };
const registry: Registry = (holder[REGISTRY_KEY] ??= { current: undefined, registered: [] });

/**
 * The registered instrumentation, or undefined when tracing is off.
 * @publicApi
 */
export function currentInstrumentation(): Instrumentation | undefined {
  return registry.current;
}

/**
 * Makes `instrumentation` the one the libs call, until the returned function is called. Several
 * registrations (several apps in one process) stack: the last one still registered is used.
 * @publicApi
 */
export function registerInstrumentation(instrumentation: Instrumentation): () => void {
  registry.registered.push(instrumentation);
  registry.current = instrumentation;
  let registered = true;
  return () => {
    if (!registered) return;
    registered = false;
    registry.registered.splice(registry.registered.lastIndexOf(instrumentation), 1);
    registry.current = registry.registered.at(-1);
  };
}
