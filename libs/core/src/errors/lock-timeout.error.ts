/**
 * A Redis lock stayed held by someone else for longer than the caller was willing to wait.
 * @publicApi
 */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';

  constructor(
    /** The lock's Redis key. */
    readonly key: string,
    /** How long (ms) the caller waited. */
    readonly waitMs: number,
  ) {
    super(
      `Could not acquire lock "${key}" within ${waitMs} ms because another holder still has it; ` +
        `retry later or raise waitMs (a crashed holder's lock expires after its TTL).`,
    );
  }
}
