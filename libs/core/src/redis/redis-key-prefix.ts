import { RedisConfigurationError } from '../errors/redis-configuration.error.js';
import { isClusterConfig } from './redis-cluster.js';
import type { RedisClient, RedisConnectionConfig } from './redis-connection.js';
import { redisMessages } from './redis.messages.js';

/**
 * The hash tag of `key` as Redis Cluster reads it: the text between the first `{` and the first
 * `}` after it, when not empty. Undefined when the whole key is hashed.
 * @publicApi
 */
export function redisHashTag(key: string): string | undefined {
  const open = key.indexOf('{');
  if (open < 0) return undefined;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : undefined;
}

/**
 * `prefix` with its first segment made the hash tag (`aiwire:webhooks` → `{aiwire}:webhooks`), so
 * prefixes that start alike share a slot; a prefix that already has a tag is returned as it is.
 * @publicApi
 */
export function toHashTaggedPrefix(prefix: string): string {
  if (redisHashTag(prefix) !== undefined) return prefix;
  const segment = /[^:]+/.exec(prefix);
  if (!segment) throw new RangeError(`Key prefix "${prefix}" has no text to make a hash tag of; write one such as "{aiwire}:"`);
  return `${prefix.slice(0, segment.index)}{${segment[0]}}${prefix.slice(segment.index + segment[0].length)}`;
}

/**
 * The key prefix to use: off a cluster `userPrefix ?? libDefault`, unchanged; on a cluster the
 * user's prefix if it has a hash tag, else the lib default made hash-tagged. Throws
 * `RedisConfigurationError` for a user prefix without a tag on a cluster, naming `option` and the fix.
 * @publicApi
 */
export function resolveKeyPrefix(connection: RedisConnectionConfig | RedisClient, userPrefix: string | undefined, libDefault: string, option = 'keyPrefix'): string {
  if (!isClusterConfig(connection)) return userPrefix ?? libDefault;
  if (userPrefix === undefined) return toHashTaggedPrefix(libDefault);
  if (redisHashTag(userPrefix) !== undefined) return userPrefix;
  const suggestion = /[^:]/.test(userPrefix) ? toHashTaggedPrefix(userPrefix) : toHashTaggedPrefix(libDefault);
  throw new RedisConfigurationError('prefix-without-hash-tag', redisMessages.prefixWithoutHashTag(option, userPrefix, suggestion));
}

/**
 * On a cluster, refuses with `RedisConfigurationError` prefixes that one script uses together but
 * that hash to different tags (e.g. a de-dup key prefix and the Bull queue prefix the same script
 * writes). `prefixes` maps each option's name to its resolved value. Off a cluster, does nothing.
 * @publicApi
 */
export function assertSameHashTag(connection: RedisConnectionConfig | RedisClient, prefixes: Readonly<Record<string, string>>): void {
  if (!isClusterConfig(connection)) return;
  const tags = new Set(Object.values(prefixes).map((prefix) => redisHashTag(prefix)));
  if (tags.size <= 1 && !tags.has(undefined)) return;
  const named = Object.entries(prefixes).map(([option, prefix]) => `${option} "${prefix}"`).join(', ');
  throw new RedisConfigurationError('prefix-without-hash-tag', redisMessages.differentHashTags(named));
}
