import { RedisConfigurationError } from '../errors/redis-configuration.error.js';
import { assertSameHashTag, redisHashTag, resolveKeyPrefix, toHashTaggedPrefix } from './redis-key-prefix.js';

const cluster = { cluster: { nodes: ['redis://127.0.0.1:7000'] } };
const single = { url: 'redis://127.0.0.1:6379' };

describe('redisHashTag (Redis Cluster key hash tags)', () => {
  it.each([
    ['{aiwire}:webhooks:dedup:1', 'aiwire'],
    ['app:{tenant-1}:x', 'tenant-1'],
    ['{a}{b}', 'a'], // only the first {...} counts
    ['{}{aiwire}', undefined], // an empty first tag: Redis hashes the whole key
    ['aiwire{', undefined],
    ['aiwire:webhooks', undefined],
  ])('%s → %s', (key, tag) => {
    expect(redisHashTag(key)).toBe(tag);
  });
});

describe('toHashTaggedPrefix', () => {
  it('makes the first segment the tag, so prefixes that start alike share a slot', () => {
    expect(toHashTaggedPrefix('aiwire:webhooks')).toBe('{aiwire}:webhooks');
    expect(toHashTaggedPrefix('aiwire:')).toBe('{aiwire}:');
    expect(toHashTaggedPrefix('aiwire')).toBe('{aiwire}');
    expect(toHashTaggedPrefix(':x:y')).toBe(':{x}:y');
    expect(toHashTaggedPrefix('app:{t}:')).toBe('app:{t}:');
    expect(() => toHashTaggedPrefix(':')).toThrow(RangeError);
  });
});

describe('resolveKeyPrefix', () => {
  it('leaves prefixes alone off a cluster', () => {
    expect(resolveKeyPrefix(single, undefined, 'aiwire:webhooks')).toBe('aiwire:webhooks');
    expect(resolveKeyPrefix(single, 'mine:', 'aiwire:webhooks')).toBe('mine:');
  });

  it('on a cluster, hash-tags the lib default and keeps a tagged user prefix', () => {
    expect(resolveKeyPrefix(cluster, undefined, 'aiwire:webhooks')).toBe('{aiwire}:webhooks');
    expect(resolveKeyPrefix(cluster, undefined, 'aiwire')).toBe('{aiwire}');
    expect(resolveKeyPrefix(cluster, '{shop}:hooks', 'aiwire:webhooks')).toBe('{shop}:hooks');
  });

  it('on a cluster, refuses a user prefix without a hash tag and says what to write', () => {
    const refused = (prefix: string) => {
      try {
        resolveKeyPrefix(cluster, prefix, 'aiwire:webhooks', 'WebhookModule keyPrefix');
      } catch (error) {
        return error as RedisConfigurationError;
      }
      throw new Error('not refused');
    };
    const error = refused('aiwire:');
    expect(error).toBeInstanceOf(RedisConfigurationError);
    expect(error.problem).toBe('prefix-without-hash-tag');
    expect(error.message).toContain('WebhookModule keyPrefix "aiwire:" has no hash tag');
    expect(error.message).toContain('use "{aiwire}:"');
    expect(refused('').message).toContain('use "{aiwire}:webhooks"');
  });
});

describe('assertSameHashTag', () => {
  it('passes prefixes with one tag, and anything off a cluster', () => {
    expect(() => assertSameHashTag(cluster, { keyPrefix: '{aiwire}:webhooks', 'queue prefix': '{aiwire}' })).not.toThrow();
    expect(() => assertSameHashTag(single, { keyPrefix: 'a', 'queue prefix': 'b' })).not.toThrow();
  });

  it('refuses prefixes one script uses together when their tags differ or one has none', () => {
    for (const prefixes of [{ keyPrefix: '{a}:webhooks', 'queue prefix': '{b}' }, { keyPrefix: '{a}:webhooks', 'queue prefix': 'a' }]) {
      expect(() => assertSameHashTag(cluster, prefixes)).toThrow(RedisConfigurationError);
    }
    expect(() => assertSameHashTag(cluster, { keyPrefix: '{a}:w', 'queue prefix': '{b}' })).toThrow(/keyPrefix "\{a\}:w", queue prefix "\{b\}"/);
  });
});
