/** The pino logger of the logs part (`pino.Logger`), or undefined when `logs` is off. */
export const MONITORING_LOGGER = Symbol('aiwire:monitoring:logger');

/** Every default of the logs part, written once. */
export const LOGS_DEFAULTS = {
  level: 'info',
  pretty: false,
  http: false,
  discoverSecrets: true,
} as const;

/** What replaces a censored value. */
export const REDACTED = '[REDACTED]';

/** The request id header read from the caller and echoed in the answer. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** Also read from the caller when `x-request-id` is absent. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';
