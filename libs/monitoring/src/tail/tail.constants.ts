/**
 * The diagnostics channels `aiwire tail` shows: each webhook delivery the intake answered, each
 * handler execution, each flow run change and step, each AI call and each connector call.
 */
export const TAIL_CHANNELS = [
  'aiwire:webhook:intake',
  'aiwire:webhook:execution',
  'aiwire:flow:run',
  'aiwire:flow:step',
  'aiwire:ai:request',
  'aiwire:http:call',
] as const;

/** Every default of the tail part, written once. */
export const TAIL_DEFAULTS = {
  /** How often each process asks Redis whether someone tails (`PUBSUB NUMSUB`). */
  pollMs: 1_000,
  /** After this many failed PUBLISHes in a row, one warning is logged (then again after the next success). */
  warnAfterFailures: 3,
} as const;

/** The Redis pub/sub channel of the tail: `<monitoring keyPrefix>:tail`. */
export function tailChannel(keyPrefix: string): string {
  return `${keyPrefix}:tail`;
}
