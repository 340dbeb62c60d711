/** An attempt took longer than `timeoutMs` (retried), or the whole call passed its deadline. */
export class AiTimeoutError extends Error {
  override readonly name = 'AiTimeoutError';

  constructor(
    readonly provider: string,
    /** `attempt`: one HTTP attempt timed out; `deadline`: no time was left for the call. */
    readonly kind: 'attempt' | 'deadline',
    readonly timeoutMs: number,
  ) {
    super(
      kind === 'attempt'
        ? `${provider} did not answer within ${timeoutMs} ms; the attempt was aborted (raise retry.timeoutMs for long generations).`
        : `The AI call ran out of its ${timeoutMs} ms deadline while on ${provider}; raise retry.deadlineMs or the call's deadlineMs.`,
    );
  }
}
