/** The pino logger of the logs part (`pino.Logger`), or undefined when `logs` is off. */
export const MONITORING_LOGGER = Symbol('aiwire:monitoring:logger');

/** Every default of the logs part, written once. */
export const LOGS_DEFAULTS = {
  level: 'info',
  pretty: false,
  http: false,
  discoverSecrets: true,
} as const;

/**
 * Lines to standard output or a file are written in batches of about 16 KB (under sonic-boom's
 * 16 KiB single write), each line within 50 ms (see `BufferedDestination`): one system call per
 * line cost the webhook worker ~1 µs a job; a batch costs ~0.1 µs a line (0.2 at 4 KB).
 */
export const LOG_BATCH = { maxChars: 16_000, maxDelayMs: 50 } as const;

/** What replaces a censored value. */
export const REDACTED = '[REDACTED]';

/** The request id header read from the caller and echoed in the answer. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** Also read from the caller when `x-request-id` is absent. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';
