/**
 * A duration as Go's `time.Duration.String()` writes it — the format of OpenAI's
 * `x-ratelimit-reset-*` headers: `6m0s`, `1.5s`, `120ms`, `1h2m3s`, `0s`.
 */
export function formatGoDuration(input: number): string {
  // Whole milliseconds are precise enough for a rate-limit reset and keep the text short.
  const ms = Math.round(input);
  if (!(ms > 0)) return '0s';
  if (ms < 1000) return `${trim(ms)}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds - hours * 3600 - minutes * 60;
  let out = '';
  if (hours > 0) out += `${hours}h`;
  if (hours > 0 || minutes > 0) out += `${minutes}m`;
  return `${out}${trim(seconds)}s`;
}

/** Up to three decimals, without trailing zeros (Go prints the shortest exact form). */
function trim(value: number): string {
  return String(Number(value.toFixed(3)));
}
