/** An answer a test scripts: text is sent as the message content, an object as the structured output. */
export type ScriptedAnswer = string | Record<string, unknown> | unknown[];

/** Answers the next completions give instead of the default deterministic ones. */
export class ScriptedAnswers {
  private readonly queue: { answer: ScriptedAnswer; remaining: number }[] = [];

  /** The next `times` completions answer `answer`; queued answers are used in order. */
  push(answer: ScriptedAnswer, times = 1): void {
    this.queue.push({ answer, remaining: times });
  }

  take(): ScriptedAnswer | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queue.shift();
    return head.answer;
  }

  get pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  clear(): void {
    this.queue.length = 0;
  }
}
