import type { Logger } from 'pino';
import type { HttpCallMessage, HttpCircuitMessage, HttpTokenMessage } from '@aiwire/connectors';
import { ms, writeLine } from './log-line.js';

/** One line per connector call (its retries included): info when it succeeded, error when it failed for good. */
export function logHttpCall(logger: Logger, m: HttpCallMessage): void {
  const a = m.attributes;
  writeLine(
    logger,
    m.outcome === 'success' ? 'info' : 'error',
    () => ({
      event: 'http.call', connector: a['aiwire.connector.name'], service: a['aiwire.connector.service'], operation: a['aiwire.operation'],
      method: a['http.request.method'], route: a['url.template'], status: a['http.response.status_code'], attempts: m.attempts,
      outcome: m.outcome, duration_ms: ms(m.durationMs), error: m.error?.name, error_code: m.error?.code,
    }),
    () => `connector call ${a['aiwire.connector.name']} ${a['http.request.method']} ${a['url.template']} ${m.outcome}`,
  );
}

/** A warn line when an OAuth2 token was refused or not asked for (cooldown); a new token is a debug line. */
export function logHttpToken(logger: Logger, m: HttpTokenMessage): void {
  writeLine(
    logger,
    m.outcome === 'refreshed' ? 'debug' : 'warn',
    () => ({ event: 'http.token', connector: m.connector, grant: m.grant, outcome: m.outcome, status: m.status, error_code: m.code, rotated: m.rotated, duration_ms: ms(m.durationMs) }),
    () => `OAuth2 token for ${m.connector} ${m.outcome}`,
  );
}

/** A warn line when a circuit opens or half-opens, an info line when it closes again. */
export function logHttpCircuit(logger: Logger, m: HttpCircuitMessage): void {
  writeLine(
    logger,
    m.to === 'closed' ? 'info' : 'warn',
    () => ({ event: 'http.circuit', connector: m.connector, from: m.from, to: m.to }),
    () => `circuit of ${m.connector} ${m.from} -> ${m.to}`,
  );
}
