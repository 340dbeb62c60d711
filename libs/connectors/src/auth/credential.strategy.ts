import type { AuthContext, AuthStrategy, OutgoingAuth } from './auth-strategy.interface.js';

/**
 * What the strategies built from one `auth` option share: the connector's context and the
 * checked options, no credential in the query unless a strategy says so.
 */
export abstract class CredentialStrategy<O> implements AuthStrategy {
  abstract readonly type: string;
  readonly sensitiveQuery: readonly string[] = [];

  constructor(
    protected readonly ctx: AuthContext,
    protected readonly options: O,
  ) {}

  abstract apply(target: OutgoingAuth, signal?: AbortSignal): Promise<void>;

  abstract refresh(sent: OutgoingAuth, signal?: AbortSignal): Promise<boolean>;
}
