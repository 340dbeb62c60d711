/**
 * Shopify's REST limiter: every request drops one marble into a bucket that drains at a
 * constant rate; a request that would overflow it is refused.
 */
export class LeakyBucket {
  private level = 0;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    readonly leakPerSecond: number,
    now = Date.now(),
  ) {
    this.updatedAt = now;
  }

  /** Adds one request; `false` when the bucket is full (the request is not counted). */
  tryAdd(now = Date.now()): boolean {
    this.drain(now);
    if (this.level + 1 > this.capacity) return false;
    this.level += 1;
    return true;
  }

  /** Requests currently in the bucket, rounded up as Shopify reports them. */
  used(now = Date.now()): number {
    this.drain(now);
    return Math.ceil(this.level);
  }

  private drain(now: number): void {
    this.level = Math.max(0, this.level - ((now - this.updatedAt) / 1000) * this.leakPerSecond);
    this.updatedAt = now;
  }
}
