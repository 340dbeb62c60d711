import type { Redis } from 'ioredis';
import type { AiJob } from '../interfaces/ai-job.interface.js';

/** Job states and results in Redis, each key expiring `ttlSeconds` after its last change. */
export class AiJobStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** Stores a new job; false when one with this id exists already. */
  async create(job: AiJob): Promise<boolean> {
    return (await this.redis.set(this.key(job.jobId), JSON.stringify(job), 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  async get(jobId: string): Promise<AiJob | undefined> {
    const raw = await this.redis.get(this.key(jobId));
    return raw === null ? undefined : (JSON.parse(raw) as AiJob);
  }

  /** Applies `change` to the stored job (only its worker writes it, one step at a time). */
  async update(jobId: string, change: (job: AiJob) => AiJob): Promise<AiJob | undefined> {
    const job = await this.get(jobId);
    if (!job) return undefined;
    const next = { ...change(job), updatedAt: new Date().toISOString() };
    await this.redis.set(this.key(jobId), JSON.stringify(next), 'EX', this.ttlSeconds);
    return next;
  }

  private key(jobId: string): string {
    return `${this.keyPrefix}:job:${jobId}`;
  }
}
