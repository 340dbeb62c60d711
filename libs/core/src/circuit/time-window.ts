/** Timestamps (appended in order) within a sliding window; amortised O(1) per call. */
export class TimeWindow {
  private times: number[] = [];
  private head = 0;

  /** Entries currently held. */
  get size(): number {
    return this.times.length - this.head;
  }

  /** Drop entries at or before `since`, then append `at`. */
  push(at: number, since: number): void {
    while (this.head < this.times.length && this.times[this.head] <= since) this.head++;
    // Compact only once the dead prefix is large, so each entry is copied O(1) times overall.
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    this.times.push(at);
  }

  /** Forget everything. */
  clear(): void {
    this.times = [];
    this.head = 0;
  }
}
