import { CircuitOpenError } from '../errors/circuit-open.error.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions, CircuitState } from './circuit-breaker.js';

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

function setup(options: CircuitBreakerOptions = {}) {
  const clock = { t: 1_000_000 };
  const changes: [CircuitState, CircuitState][] = [];
  const breaker = new CircuitBreaker({
    name: 'slack',
    now: () => clock.t,
    onStateChange: (to, from) => changes.push([from, to]),
    ...options,
  });
  let calls = 0;
  const ok = () => breaker.execute(async () => (calls++, 'ok'));
  const fail = (status = 503) =>
    breaker.execute(async () => {
      calls++;
      throw new HttpError(status);
    }).catch((e: unknown) => e);
  return { breaker, clock, changes, ok, fail, calls: () => calls };
}

describe('CircuitBreaker', () => {
  it('passes results and errors through while closed', async () => {
    const { breaker, ok, fail } = setup();
    await expect(ok()).resolves.toBe('ok');
    expect(await fail()).toBeInstanceOf(HttpError);
    await expect(breaker.execute(() => 42)).resolves.toBe(42);
    expect(breaker.state).toBe('closed');
  });

  it('opens after 5 failures within 30 s and then refuses without calling', async () => {
    const { breaker, clock, fail, ok, calls, changes } = setup();
    for (let i = 0; i < 4; i++) await fail();
    expect(breaker.state).toBe('closed');
    await fail();
    expect(breaker.state).toBe('open');
    expect(changes).toEqual([['closed', 'open']]);

    clock.t += 10_000;
    const before = calls();
    const error = await ok().catch((e: unknown) => e);
    expect(calls()).toBe(before);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).retryAfterMs).toBe(20_000);
    expect((error as CircuitOpenError).message).toContain('"slack"');
  });

  it('forgets failures older than the window', async () => {
    const { breaker, clock, fail } = setup();
    for (let i = 0; i < 4; i++) await fail();
    clock.t += 30_001;
    await fail();
    expect(breaker.state).toBe('closed');
    for (let i = 0; i < 3; i++) await fail();
    expect(breaker.state).toBe('closed');
    await fail(); // 5 within the last 30 s
    expect(breaker.state).toBe('open');
  });

  it('does not count errors that isFailure rejects, but still rethrows them', async () => {
    const { breaker, fail } = setup({ isFailure: (e) => !(e instanceof HttpError && e.status < 500) });
    for (let i = 0; i < 20; i++) expect(await fail(404)).toBeInstanceOf(HttpError);
    expect(breaker.state).toBe('closed');
  });

  it('turns half-open after the cooldown; one successful probe closes it', async () => {
    const { breaker, clock, fail, changes } = setup({ cooldownMs: 5_000 });
    for (let i = 0; i < 5; i++) await fail();
    clock.t += 4_999;
    expect(breaker.state).toBe('open');
    clock.t += 1;
    expect(breaker.state).toBe('half-open');

    let finishProbe!: () => void;
    const probe = breaker.execute(() => new Promise<string>((resolve) => (finishProbe = () => resolve('probe'))));
    // Only one probe at a time.
    const refused = await breaker.execute(async () => 'second').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((refused as CircuitOpenError).retryAfterMs).toBe(1_000);
    finishProbe();
    await expect(probe).resolves.toBe('probe');
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual([['closed', 'open'], ['open', 'half-open'], ['half-open', 'closed']]);
    // Closed again with a clean slate: four new failures do not reopen it.
    for (let i = 0; i < 4; i++) await fail();
    expect(breaker.state).toBe('closed');
  });

  it('a failed probe reopens it for a full cooldown', async () => {
    const { breaker, clock, fail } = setup({ cooldownMs: 5_000 });
    for (let i = 0; i < 5; i++) await fail();
    clock.t += 5_000;
    await fail();
    expect(breaker.state).toBe('open');
    clock.t += 3_000;
    const error = (await fail()) as CircuitOpenError;
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error.retryAfterMs).toBe(2_000);
  });

  it('a probe error that isFailure rejects proves the service is up and closes it', async () => {
    const { breaker, clock, fail } = setup({ isFailure: (e) => (e as HttpError).status >= 500 });
    for (let i = 0; i < 5; i++) await fail(503);
    clock.t += 30_000;
    await fail(404);
    expect(breaker.state).toBe('closed');
  });

  it('allows halfOpenMaxCalls probes at once', async () => {
    const { breaker, clock, fail } = setup({ halfOpenMaxCalls: 2 });
    for (let i = 0; i < 5; i++) await fail();
    clock.t += 30_000;
    const gates: (() => void)[] = [];
    const slow = () => breaker.execute(() => new Promise<void>((resolve) => gates.push(resolve)));
    const p1 = slow();
    const p2 = slow();
    await expect(breaker.execute(async () => 'third')).rejects.toBeInstanceOf(CircuitOpenError);
    gates.forEach((open) => open());
    await Promise.all([p1, p2]);
    expect(breaker.state).toBe('closed');
  });

  it('ignores the outcome of a call that started before the circuit changed state', async () => {
    const { breaker, clock, fail } = setup();
    let finishOld!: () => void;
    const old = breaker.execute(() => new Promise<string>((resolve) => (finishOld = () => resolve('late'))));
    for (let i = 0; i < 5; i++) await fail();
    clock.t += 30_000;
    expect(breaker.state).toBe('half-open');
    finishOld();
    await expect(old).resolves.toBe('late');
    expect(breaker.state).toBe('half-open'); // the late success is not a probe
  });

  it('opens on failureRatio once minimumCalls are in the window', async () => {
    const { breaker, fail, ok } = setup({ failureThreshold: 1_000, failureRatio: 0.5, minimumCalls: 10 });
    for (let i = 0; i < 4; i++) await fail();
    expect(breaker.state).toBe('closed'); // 4 calls: below minimumCalls
    for (let i = 0; i < 5; i++) await ok();
    expect(breaker.state).toBe('closed'); // 4 / 9
    await fail();
    expect(breaker.state).toBe('open'); // 5 / 10
  });

  it('failureRatio counts only calls within the window', async () => {
    const { breaker, clock, fail, ok } = setup({ failureThreshold: 1_000, failureRatio: 0.5, minimumCalls: 4 });
    for (let i = 0; i < 100; i++) await ok();
    clock.t += 30_001;
    await ok();
    await fail();
    await fail();
    expect(breaker.state).toBe('closed'); // 2 / 3, below minimumCalls
    await fail();
    expect(breaker.state).toBe('open'); // 3 / 4: the 100 old successes are gone
  });

  it('counts a synchronous throw as a failure', async () => {
    const { breaker } = setup({ failureThreshold: 1 });
    await expect(breaker.execute(() => { throw new Error('sync'); })).rejects.toThrow('sync');
    expect(breaker.state).toBe('open');
  });
});
