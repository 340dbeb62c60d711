/**
 * The database could not be opened: PostgreSQL did not answer, or the PGlite directory is unusable.
 * The message says which, and what to do.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}
