import type { DoctorCheck } from './doctor-checks.js';

const TIMEOUT_MS = 5_000;

/** terminus' answer, as much as is read. */
interface HealthAnswer {
  readonly status?: string;
  readonly error?: Record<string, { status?: string; message?: string }>;
  readonly details?: Record<string, { status?: string }>;
}

/** `GET <app>/<health path>/ready`: ok on 200, fail on 503 (naming what is down), 404 or no answer. */
export async function readinessCheck(url: URL): Promise<DoctorCheck> {
  const shown = `${url.origin}${url.pathname}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : typeof cause?.code === 'string' ? cause.code : String(error);
    return { check: 'app', status: 'fail', detail: `cannot reach ${shown} (${why}): is the app running? (--url or AIWIRE_URL)` };
  }
  let body: HealthAnswer = {};
  try {
    body = (await response.json()) as HealthAnswer;
  } catch {
    // A body that is not JSON: the status alone says enough.
  }
  if (response.status === 200) {
    const up = Object.keys(body.details ?? {});
    return { check: 'app', status: 'ok', detail: `${shown}: ready${up.length ? ` (${up.join(', ')} up)` : ''}` };
  }
  if (response.status === 503) {
    const down = Object.entries(body.error ?? {}).map(([name, d]) => `${name}${d.message ? `: ${d.message}` : ''}`);
    return { check: 'app', status: 'fail', detail: `${shown}: not ready${down.length ? ` — ${down.join('; ')}` : ''}` };
  }
  if (response.status === 404) return { check: 'app', status: 'fail', detail: `${shown} answered 404: turn on MonitoringModule health, or give --health-path` };
  return { check: 'app', status: 'fail', detail: `${shown} answered ${response.status}` };
}
