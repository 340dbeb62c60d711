// The baseline a careful team writes by hand: verify the Stripe signature in constant time,
// de-duplicate with SET NX EX, enqueue on Bull, answer 202. Shared by targets (a) and (b).
import { createHmac, timingSafeEqual } from 'node:crypto';
import Bull from 'bull';
import { Redis } from 'ioredis';

export function verifyStripe(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  let t: string | undefined;
  const sigs: Buffer[] = [];
  for (const part of header.split(',')) {
    const i = part.indexOf('=');
    const key = part.slice(0, i);
    if (key === 't') t = part.slice(i + 1);
    else if (key === 'v1') sigs.push(Buffer.from(part.slice(i + 1), 'hex'));
  }
  if (!t || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(raw).digest();
  return sigs.some((s) => s.length === expected.length && timingSafeEqual(s, expected));
}

export class HandWrittenStore {
  private readonly redis: Redis;
  private readonly queue: Bull.Queue;

  constructor(url: string, private readonly prefix: string) {
    this.redis = new Redis(url);
    this.queue = new Bull('webhooks', url, { prefix });
  }

  async accept(event: { id: string; type: string; payload: unknown }): Promise<'accepted' | 'duplicate'> {
    const fresh = await this.redis.set(`${this.prefix}:dedup:stripe:${event.id}`, '1', 'EX', 259_200, 'NX');
    if (!fresh) return 'duplicate';
    await this.queue.add({ ...event, source: 'stripe', receivedAt: new Date().toISOString() }, { jobId: `stripe:${event.id}`, removeOnComplete: true });
    return 'accepted';
  }
}
