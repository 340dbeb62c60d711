import { registerInstrumentation } from '@aiwire/core';
import type { OtelApi } from './otel-api.js';
import { createOtelInstrumentation } from './otel-instrumentation.js';
import { subscribeClientSpans } from './client-spans.js';
import { enableTraceIds } from './trace-ids.js';

/** Tracing as the process has it: one instrumentation and one set of client-span listeners, however many apps turned it on. */
let running: { users: number; readonly stop: () => void } | undefined;

/**
 * Turns tracing on for the process: the libs' hooks (SERVER, PRODUCER, CONSUMER spans), the
 * AI and connector CLIENT spans, and the trace ids in log lines. Counted: it goes off when the
 * last app that turned it on calls the returned function.
 */
export function startTracing(api: OtelApi): () => void {
  if (running === undefined) {
    const unregister = registerInstrumentation(createOtelInstrumentation(api));
    const disableTraceIds = enableTraceIds(api.trace);
    const unsubscribe = subscribeClientSpans(api);
    running = {
      users: 0,
      stop: () => {
        unsubscribe();
        disableTraceIds();
        unregister();
      },
    };
  }
  const current = running;
  current.users += 1;
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    current.users -= 1;
    if (current.users > 0) return;
    current.stop();
    if (running === current) running = undefined;
  };
}
