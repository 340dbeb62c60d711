/**
 * A token bucket refilled continuously, as OpenAI and Anthropic describe their limiters:
 * capacity is the per-minute limit and it refills at limit/60 per second. The level may go
 * below zero when real usage turns out larger than what was admitted.
 */
export class ContinuousBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    now = Date.now(),
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  private get perMs(): number {
    return this.capacity / 60_000;
  }

  /** Tokens available now (never more than capacity). */
  available(now = Date.now()): number {
    this.refill(now);
    return this.level;
  }

  /** Takes `cost` if that many are available. */
  tryTake(cost: number, now = Date.now()): boolean {
    this.refill(now);
    if (this.level < cost) return false;
    this.level -= cost;
    return true;
  }

  /** Adds (or with a negative delta, charges) tokens after the fact. */
  adjust(delta: number, now = Date.now()): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + delta);
  }

  /** Ms until `cost` tokens are available. */
  msUntil(cost: number, now = Date.now()): number {
    this.refill(now);
    return this.level >= cost ? 0 : (cost - this.level) / this.perMs;
  }

  /** Ms until the bucket is full again (what the providers' `reset` headers report). */
  msUntilFull(now = Date.now()): number {
    return this.msUntil(this.capacity, now);
  }

  private refill(now: number): void {
    this.level = Math.min(this.capacity, this.level + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
  }
}
