import type { RedisClient } from './redis-connection.js';

/**
 * What {@link watchRedisAvailability} reports.
 * @publicApi
 */
export interface RedisAvailabilityHandlers {
  /** The connection was lost, or never made: called once per outage, with the first error seen in it. */
  down(reason: string): void;
  /** The connection is ready again after `down`. */
  up(): void;
}

/**
 * Reports an outage once when the connection goes away and once when it is back, instead of once per
 * reconnect attempt (ioredis emits `error` and `reconnecting` on every attempt). Works on one Redis
 * and on a Cluster, which reports its nodes' errors as `node error` and is `reconnecting` only once
 * every node is gone. A deliberate `quit()` / `disconnect()` reports nothing. Returns a function
 * that stops watching.
 * @publicApi
 */
export function watchRedisAvailability(client: RedisClient, handlers: RedisAvailabilityHandlers): () => void {
  let down = false;
  let reason: string | undefined;
  const onError = (error: unknown): void => {
    reason ??= error instanceof Error ? error.message : String(error);
  };
  // `reconnecting` follows only a connection lost unexpectedly (or a failed first connect).
  const onReconnecting = (): void => {
    if (down) return;
    down = true;
    handlers.down(reason ?? 'connection lost');
  };
  const onReady = (): void => {
    reason = undefined;
    if (!down) return;
    down = false;
    handlers.up();
  };
  client.on('error', onError);
  client.on('node error', onError);
  client.on('reconnecting', onReconnecting);
  client.on('ready', onReady);
  return () => {
    client.off('error', onError);
    client.off('node error', onError);
    client.off('reconnecting', onReconnecting);
    client.off('ready', onReady);
  };
}
