/** Bad flags, unknown provider or event, a secret in the wrong format, a body file that is not JSON: one line, exit 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** The app or Redis refused or could not be reached: one line, exit 1. */
export class CliRefusedError extends Error {
  override readonly name = 'CliRefusedError';
}
