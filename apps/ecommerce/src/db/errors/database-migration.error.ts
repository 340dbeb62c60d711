/** A migration failed at startup; its transaction was rolled back, so the schema is as before. */
export class DatabaseMigrationError extends Error {
  override readonly name = 'DatabaseMigrationError';
}
