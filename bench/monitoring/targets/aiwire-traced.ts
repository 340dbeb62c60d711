// (t) target (m) with tracing on: the OpenTelemetry SDK registered (an AsyncLocalStorage context
// manager, W3C propagation, every span sampled, batched to an exporter that drops them), so each
// delivery makes its SERVER and PRODUCER spans and carries the trace context in its jobs.
import { startMonitoredIntake } from './monitored-intake.js';
import { registerDroppingTracer } from './dropping-tracer.js';

registerDroppingTracer();
await startMonitoredIntake({ tracing: true });
