/**
 * Sliding windows as time buckets. A window of W ms is cut into buckets of W/60 (rounded up to a
 * whole ms); bucket k holds the events of [k·b, (k+1)·b). At time `now` the window is the buckets
 * `first..last` where `last` holds `now` and `first` is the oldest that starts after `now - W`:
 * an event is counted for at least W - b and never longer than W after it happened.
 */
export const BUCKETS_PER_WINDOW = 60;

/** Size of one bucket of a window of `windowMs`. */
export function bucketSize(windowMs: number): number {
  return Math.max(1, Math.ceil(windowMs / BUCKETS_PER_WINDOW));
}

/** The bucket that holds time `at`. */
export function bucketOf(at: number, bucketMs: number): number {
  return Math.floor(at / bucketMs);
}

/** The buckets a window covers at `now`, both ends included. */
export function windowBuckets(now: number, windowMs: number, bucketMs: number): { first: number; last: number } {
  return { first: Math.floor((now - windowMs) / bucketMs) + 1, last: bucketOf(now, bucketMs) };
}

/** How long Redis keeps a window's buckets after their last write: the window and one bucket. */
export function windowTtl(windowMs: number, bucketMs: number): number {
  return windowMs + bucketMs;
}
