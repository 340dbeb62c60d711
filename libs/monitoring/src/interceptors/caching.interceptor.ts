import { Injectable, Logger, Optional, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { REDIRECT_METADATA, SSE_METADATA } from '@nestjs/common/constants.js';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { EMPTY, defer, lastValueFrom, mergeMap, of, type Observable } from 'rxjs';
import { CACHE_KEY_METADATA, CACHE_TTL_METADATA, isTtl, type CacheKeyFactory, type CacheTtlFactory } from './cache.decorators.js';
import { cacheId, routeTemplate, userIdentity, type CacheableRequest } from './cache-key.js';
import { toCacheEntry } from './cached-body.js';
import { cachingMessages } from './caching.messages.js';
import { ResponseCache, type Computed } from './response-cache.js';

/** The handler's Observable completed without a value: answered as if the interceptor were absent. */
const NOTHING: unique symbol = Symbol('no value');

/**
 * Caches GET responses in MonitoringModule's Redis, per route + path parameters + sorted query +
 * Host + the authenticated user (`req.user.id`, else `.sub`, else a hash of `req.user`), for
 * `@CacheTTL` SECONDS (not milliseconds as in @nestjs/cache-manager v2+). A request carrying
 * `Authorization` or a cookie without a `req.user` is not cached: one user never sees another's
 * response. Only 2xx JSON bodies are stored; `x-cache: HIT|MISS` says what happened. Identical
 * requests in flight, in one process or many, run the handler once. A Redis failure never fails
 * or holds up a request (each command waits `redisTimeoutMs` at most). Without `redis` in
 * MonitoringModule it steps aside and says so once. Subclass it to change `trackBy`,
 * `isRequestCacheable` or the fields below, as with @nestjs/cache-manager's `CacheInterceptor`.
 * @publicApi
 */
@Injectable()
export class CachingInterceptor implements NestInterceptor {
  /** Methods whose responses are cached; add 'HEAD' to answer HEAD from the GET's entry. @default ['GET'] */
  protected readonly allowedMethods: readonly string[] = ['GET'];
  /** Seconds a response is kept when neither the method nor its controller has `@CacheTTL`. @default 5 */
  protected readonly defaultTtlSeconds: number = 5;
  /** Longest wait for an identical request in flight (this process or another) before running the handler anyway, in ms. @default 5000 */
  protected readonly waitMs: number = 5_000;
  /** Longest hold of the cross-process lock, in ms (a crashed holder frees it after this). @default 10000 */
  protected readonly lockTtlMs: number = 10_000;
  /** Longest wait for each Redis command, in ms; then the request goes on uncached. @default 250 */
  protected readonly redisTimeoutMs: number = 250;
  /** Pause between looks for the entry another process is computing, in ms. @default 20 */
  protected readonly pollMs: number = 20;
  /** Largest entry stored, in bytes of JSON; a bigger response is sent but not cached. @default 1048576 */
  protected readonly maxEntryBytes: number = 1_048_576;

  private readonly logger = new Logger(CachingInterceptor.name);
  private readonly told = new Set<string>();

  constructor(
    protected readonly reflector: Reflector,
    @Optional() private readonly cache?: ResponseCache,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http' || this.streamsOrRedirects(context) || !this.isRequestCacheable(context)) return next.handle();
    if (!this.cache) return this.tell(cachingMessages.noModule(), next);
    if (!this.cache.configured) return next.handle();
    const id = this.attempt(context, 'trackBy', () => this.trackBy(context));
    const ttl = id === undefined ? undefined : await this.ttlSeconds(context);
    if (id === undefined || ttl === undefined) return next.handle();
    const settings = { ttlMs: ttl * 1000, waitMs: this.waitMs, lockTtlMs: this.lockTtlMs, timeoutMs: this.redisTimeoutMs, pollMs: this.pollMs };
    return defer(() => this.cache!.serve(id, settings, () => this.compute(context, next))).pipe(
      mergeMap(({ value, hit }) => {
        this.setCacheHeader(context, hit ? 'HIT' : 'MISS');
        return value === NOTHING ? EMPTY : of(value);
      }),
    );
  }

  /**
   * The cache key of this request (stored as `{keyPrefix}:cache:{key}`), or undefined to leave it
   * uncached. By default the route template (or `@CacheKey`) and a digest of the path parameters,
   * the sorted query, the Host and the user; undefined for a request with credentials but no
   * `req.user`. An override decides alone: it may share an entry between users on purpose.
   */
  protected trackBy(context: ExecutionContext): string | undefined {
    const request = context.switchToHttp().getRequest<CacheableRequest>();
    const user = userIdentity(request);
    if (user === undefined) return undefined;
    const host = request.headers.host?.toLowerCase() ?? null;
    const custom = this.reflector.get<string | CacheKeyFactory | undefined>(CACHE_KEY_METADATA, context.getHandler());
    if (custom === undefined) return cacheId(routeTemplate(request), [host, request.params ?? {}, request.query ?? {}, user]);
    const name = typeof custom === 'function' ? custom(context) : custom;
    return name === undefined ? undefined : cacheId(name, [host, user]);
  }

  /** Whether this request may be answered from the cache at all: its method is in `allowedMethods`. */
  protected isRequestCacheable(context: ExecutionContext): boolean {
    return this.allowedMethods.includes(context.switchToHttp().getRequest<CacheableRequest>().method);
  }

  private async compute(context: ExecutionContext, next: CallHandler): Promise<Computed> {
    const value = await lastValueFrom(next.handle(), { defaultValue: NOTHING });
    const response = context.switchToHttp().getResponse<{ statusCode?: number; headersSent?: boolean; sent?: boolean }>();
    const status = response.statusCode ?? 200;
    const sent = response.headersSent === true || response.sent === true;
    if (value === NOTHING || status < 200 || status >= 300 || sent) return { value, entry: undefined };
    const { entry, why } = toCacheEntry(value, this.maxEntryBytes);
    if (why !== undefined) this.tell(cachingMessages.notCacheable(routeName(context), why));
    return { value, entry };
  }

  /** `@CacheTTL` of the method, else of the controller, else `defaultTtlSeconds`; undefined leaves the request uncached. */
  private async ttlSeconds(context: ExecutionContext): Promise<number | undefined> {
    const setting = this.reflector.getAllAndOverride<number | CacheTtlFactory | undefined>(CACHE_TTL_METADATA, [context.getHandler(), context.getClass()]);
    if (setting === undefined) return this.defaultTtlSeconds;
    if (typeof setting === 'number') {
      if (setting >= 1000 && setting % 1000 === 0) this.tell(cachingMessages.likelyMilliseconds(routeName(context), setting));
      return setting;
    }
    const ttl = await this.attempt(context, '@CacheTTL', () => setting(context));
    if (ttl === undefined || ttl === 0 || isTtl(ttl)) return ttl || undefined;
    this.tell(cachingMessages.badFactoryTtl(routeName(context), ttl));
    return undefined;
  }

  /** Runs a user hook; a throw leaves the request uncached (logged once per route) instead of failing it. */
  private attempt<T>(context: ExecutionContext, what: string, hook: () => T): T | undefined {
    try {
      const result = hook();
      return result instanceof Promise ? (result.catch((error: unknown) => this.hookFailed(context, what, error)) as T) : result;
    } catch (error) {
      return this.hookFailed(context, what, error);
    }
  }

  private hookFailed(context: ExecutionContext, what: string, error: unknown): undefined {
    this.tell(cachingMessages.hookFailed(routeName(context), what, error instanceof Error ? error.message : String(error)));
    return undefined;
  }

  private streamsOrRedirects(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    return Reflect.hasMetadata(SSE_METADATA, handler) || Reflect.hasMetadata(REDIRECT_METADATA, handler);
  }

  private setCacheHeader(context: ExecutionContext, value: 'HIT' | 'MISS'): void {
    const response = context.switchToHttp().getResponse<{ headersSent?: boolean; sent?: boolean }>();
    if (response.headersSent === true || response.sent === true) return;
    this.adapterHost?.httpAdapter?.setHeader(response, 'x-cache', value);
  }

  /** Logs `message` once per interceptor; with `next`, passes the request through. */
  private tell(message: string): undefined;
  private tell(message: string, next: CallHandler): Observable<unknown>;
  private tell(message: string, next?: CallHandler): Observable<unknown> | undefined {
    if (!this.told.has(message)) this.logger.warn(message);
    this.told.add(message);
    return next?.handle();
  }
}

function routeName(context: ExecutionContext): string {
  return `${context.getClass().name}.${context.getHandler().name}`;
}
