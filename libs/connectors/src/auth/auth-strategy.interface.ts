import type { RedisClient } from '@aiwire/core';
import type { TransportTls, Transport } from '../http/transport.js';
import type { Redactor } from '../http/redactor.js';
import type { SecretResolver } from '../secrets/secret-resolver.js';
import type { TokenCipher } from './token-cipher.js';

/** The parts of an outgoing request a strategy may set. Header names are lower case. */
export interface OutgoingAuth {
  readonly headers: Record<string, string>;
  readonly query: URLSearchParams;
}

/** Adds credentials to requests, and renews them when the API refuses them. */
export interface AuthStrategy {
  readonly type: string;
  /** Query parameters that carry credentials (their values are redacted from events). */
  readonly sensitiveQuery: readonly string[];
  /** Add credentials to a request about to be sent. */
  apply(target: OutgoingAuth, signal?: AbortSignal): Promise<void>;
  /**
   * The API refused the credentials `sent` carried (401): obtain fresh ones. Resolves to whether
   * a retry may succeed (a refreshed token, a rotated secret), false when nothing changed.
   */
  refresh(sent: OutgoingAuth, signal?: AbortSignal): Promise<boolean>;
  /** TLS settings of the connections (mTLS), when the strategy has any. */
  tls?(): Promise<TransportTls | undefined>;
}

/** What strategies are built with: the connector's identity and the module's shared parts. */
export interface AuthContext {
  readonly connector: string;
  readonly secrets: SecretResolver;
  readonly redactor: Redactor;
  readonly redis: RedisClient;
  readonly keyPrefix: string;
  readonly cipher: TokenCipher;
  /** False while Redis is known to be down (reconnecting): skip it at once instead of queueing commands. */
  readonly redisUp: () => boolean;
  /** The connector's transport, so token requests use the same TLS settings (mTLS token endpoints). */
  readonly transport: () => Transport;
}
