// (m) target (c) — @aiwire/webhooks on Fastify, mount 'server' — with MonitoringModule on: logs at
// info (one JSON line per delivery, written to LOG_FILE, default /dev/null), metrics, tracing off.
// Started by the intake benchmark with --extra, with (c)'s env and argv.
import { startMonitoredIntake } from './monitored-intake.js';

await startMonitoredIntake({ tracing: false });
