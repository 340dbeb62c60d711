import type { Reply } from '../../http/route.js';

/** Slack answers HTTP 200 with `ok: false` for every error except rate limits (429) and unknown methods. */
export const slackError = (error: string, status = 200, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { ok: false, error, ...extra },
});

export function rateLimited(resetAt: number): Reply {
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'Retry-After': String(seconds) } };
}

export function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}
