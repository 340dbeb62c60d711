import type { RedisClient } from '@aiwire/core';
import type { AiJob } from '../interfaces/ai-job.interface.js';

/**
 * What Redis holds: the job, and whether the server drew its id (a random UUID). A drawn id is an
 * unguessable capability; an id a caller chose is only a name, so the HTTP routes never serve it.
 */
type StoredJob = AiJob & { idDrawn?: true };

/** Job states and results in Redis, each key expiring `ttlSeconds` after its last change. */
export class AiJobStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** Stores a new job; false when one with this id exists already. */
  async create(job: AiJob, idDrawn: boolean): Promise<boolean> {
    const stored: StoredJob = { ...job, ...(idDrawn && { idDrawn: true }) };
    return (await this.redis.set(this.key(job.jobId), JSON.stringify(stored), 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  async get(jobId: string): Promise<AiJob | undefined> {
    const stored = await this.read(jobId);
    return stored && publicView(stored);
  }

  /** The job only when the server drew its id, as anything reachable by an id from outside must be. */
  async getIfIdDrawn(jobId: string): Promise<AiJob | undefined> {
    const stored = await this.read(jobId);
    return stored?.idDrawn ? publicView(stored) : undefined;
  }

  /** Applies `change` to the stored job (only its worker writes it, one step at a time). */
  async update(jobId: string, change: (job: AiJob) => AiJob): Promise<AiJob | undefined> {
    const stored = await this.read(jobId);
    if (!stored) return undefined;
    const next = { ...change(publicView(stored)), updatedAt: new Date().toISOString() };
    await this.redis.set(this.key(jobId), JSON.stringify({ ...next, ...(stored.idDrawn && { idDrawn: true }) }), 'EX', this.ttlSeconds);
    return next;
  }

  private async read(jobId: string): Promise<StoredJob | undefined> {
    const raw = await this.redis.get(this.key(jobId));
    return raw === null ? undefined : (JSON.parse(raw) as StoredJob);
  }

  private key(jobId: string): string {
    return `${this.keyPrefix}:job:${jobId}`;
  }
}

function publicView({ idDrawn: _idDrawn, ...job }: StoredJob): AiJob {
  return job;
}
