/** Every message of the caching interceptor, in one place; each says what failed and what to do. */
export const cachingMessages = {
  badTtl: (value: unknown) =>
    `@CacheTTL takes seconds above 0 (e.g. @CacheTTL(60) for one minute) or a function of the request; got ${describe(value)}.`,
  badKey: (value: unknown) =>
    `@CacheKey takes a non-empty string or a function of the request returning one; got ${describe(value)}.`,
  noModule: () =>
    'CachingInterceptor: MonitoringModule is not imported in this app, so responses are not cached. ' +
    "Import MonitoringModule.forRoot({ redis: { url: 'redis://127.0.0.1:6379' } }) (it is global).",
  noRedis: () =>
    'CachingInterceptor: MonitoringModule has no redis option, so responses are not cached. ' +
    "Add redis: { url: 'redis://127.0.0.1:6379' } to MonitoringModule.forRoot.",
  badFactoryTtl: (route: string, value: unknown) =>
    `CachingInterceptor: the @CacheTTL function of ${route} returned ${describe(value)}, so the response is not cached. Return seconds above 0, or undefined on purpose.`,
  likelyMilliseconds: (route: string, seconds: number) =>
    `CachingInterceptor: ${route} caches for ${seconds} seconds (${(seconds / 3600).toFixed(1)} hours). @CacheTTL takes SECONDS, not milliseconds as in @nestjs/cache-manager v2+; ` +
    `write @CacheTTL(${seconds / 1000}) if you meant ${seconds / 1000} seconds.`,
  hookFailed: (route: string, hook: string, reason: string) =>
    `CachingInterceptor: ${hook} threw for ${route} (${reason}), so its responses are not cached; fix the ${hook === 'trackBy' ? '@CacheKey function or trackBy' : '@CacheTTL function'}.`,
  notCacheable: (route: string, why: string) =>
    `CachingInterceptor: the response of ${route} is sent but not cached: ${why}.`,
  redisFailed: (reason: string) =>
    `CachingInterceptor: the response cache in Redis failed (${reason}); requests go on uncached until it answers again.`,
  redisBack: () => 'CachingInterceptor: the response cache in Redis answers again.',
  badEntry: (key: string) =>
    `CachingInterceptor: the cache entry ${key} is not one this interceptor wrote (bad JSON); it is recomputed and overwritten.`,
} as const;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value == null) return String(value);
  return typeof value;
}
