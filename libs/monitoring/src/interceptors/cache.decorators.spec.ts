import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import { CacheKey, CacheTTL } from './cache.decorators.js';

describe('@CacheTTL and @CacheKey', () => {
  it('store seconds, a key, or a function, under their KEY', () => {
    const ttl = (): number => 5;
    class Target {
      @CacheTTL(60) @CacheKey('k') a(): void {}
      @CacheTTL(ttl) b(): void {}
    }
    expect(Reflect.getMetadata(CacheTTL.KEY, Target.prototype.a)).toBe(60);
    expect(Reflect.getMetadata(CacheKey.KEY, Target.prototype.a)).toBe('k');
    expect(Reflect.getMetadata(CacheTTL.KEY, Target.prototype.b)).toBe(ttl);
  });

  it('refuse a TTL that is not seconds above zero, and an empty key, when the class is declared', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '60' as unknown as number]) {
      expect(() => CacheTTL(bad)).toThrow(MonitoringConfigurationError);
    }
    expect(() => CacheTTL(0)).toThrow('@CacheTTL takes seconds above 0 (e.g. @CacheTTL(60) for one minute) or a function of the request; got 0.');
    expect(() => CacheKey('')).toThrow('@CacheKey takes a non-empty string');
  });
});
