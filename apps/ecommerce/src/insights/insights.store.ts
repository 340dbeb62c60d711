import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';

export type InsightKind = 'recommendations' | 'reviews' | 'fraud' | 'payments' | 'tickets';

/** What the workflows concluded, kept in Redis so every process (API or worker) can read it. */
@Injectable()
export class InsightsStore implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(SHOP_CONFIG) config: ShopConfig) {
    this.redis = new Redis(config.redisUrl);
    this.prefix = `${config.keyPrefix}:insights`;
  }

  async save(kind: InsightKind, id: string, value: object): Promise<void> {
    await this.redis.hset(`${this.prefix}:${kind}`, id, JSON.stringify(value));
  }

  async get<T>(kind: InsightKind, id: string): Promise<T | undefined> {
    const raw = await this.redis.hget(`${this.prefix}:${kind}`, id);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async list<T>(kind: InsightKind): Promise<Record<string, T>> {
    const raw = await this.redis.hgetall(`${this.prefix}:${kind}`);
    return Object.fromEntries(Object.entries(raw).map(([id, json]) => [id, JSON.parse(json) as T]));
  }

  /**
   * Runs a side effect (a Slack post, a CRM ticket) at most once per key — handlers pass the
   * webhook's event id, so a retried execution does not post twice. A failure frees the key.
   */
  async once(key: string, effect: () => Promise<unknown>): Promise<boolean> {
    const marker = `${this.prefix}:once:${key}`;
    if ((await this.redis.set(marker, '1', 'EX', 7 * 86_400, 'NX')) === null) return false;
    try {
      await effect();
      return true;
    } catch (error) {
      await this.redis.del(marker);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
