/** How `main.js` runs the demo, from the environment and the command line. */
export interface DemoSettings {
  /** `DEMO_EVENTS` @default 300 */
  readonly events: number;
  /** `DEMO_SECONDS` @default 60 */
  readonly seconds: number;
  /** `DEMO_SEED` @default 13 */
  readonly seed: number;
  /** `DEMO_SETTLE_SECONDS`: how long to wait for the workers after the last event. @default 120 */
  readonly settleSeconds: number;
  /** `--once`: play the demo, print the summary, clean up and exit (0 if all went well). */
  readonly once: boolean;
}

export function demoSettings(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): DemoSettings {
  return {
    events: whole('DEMO_EVENTS', env.DEMO_EVENTS, 300, 1),
    seconds: number('DEMO_SECONDS', env.DEMO_SECONDS, 60),
    seed: whole('DEMO_SEED', env.DEMO_SEED, 13, 0),
    settleSeconds: number('DEMO_SETTLE_SECONDS', env.DEMO_SETTLE_SECONDS, 120),
    once: argv.includes('--once'),
  };
}

function whole(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number >= ${min}; got "${raw}".`);
  return n;
}

function number(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of seconds >= 0; got "${raw}".`);
  return n;
}
