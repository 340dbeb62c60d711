export interface WindowHit {
  readonly allowed: boolean;
  /** Requests left in the current window after this one. */
  readonly remaining: number;
  /** When the current window ends, in ms since the epoch. */
  readonly resetAt: number;
}

/** A counter that allows `limit` requests per window of `windowMs`, per key. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): WindowHit {
    const window = this.current(key, now);
    const allowed = window.count < this.limit;
    if (allowed) window.count += 1;
    return { allowed, remaining: Math.max(0, this.limit - window.count), resetAt: window.start + this.windowMs };
  }

  /** The state of `key` without counting a request. */
  peek(key: string, now = Date.now()): WindowHit {
    const window = this.current(key, now);
    return { allowed: window.count < this.limit, remaining: Math.max(0, this.limit - window.count), resetAt: window.start + this.windowMs };
  }

  private current(key: string, now: number): { start: number; count: number } {
    let window = this.windows.get(key);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }
}
