import type { DemoTally } from './demo-tally.js';

export interface ProgressStream {
  readonly isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

/**
 * The demo's progress: a bar redrawn in place on a terminal, a plain line every few seconds
 * otherwise (CI logs, pipes), so both read well.
 */
export class DemoProgress {
  private timer: NodeJS.Timeout | undefined;
  private sent = 0;
  private phase = 'sending';
  private lastPlain = '';
  private readonly started = Date.now();

  constructor(
    private readonly out: ProgressStream,
    private readonly total: number,
    private readonly tally: DemoTally,
    private readonly plainEveryMs = 5_000,
  ) {}

  start(): this {
    this.timer = setInterval(() => this.render(), this.out.isTTY ? 200 : this.plainEveryMs);
    this.timer.unref();
    return this;
  }

  update(sent: number, phase?: string): void {
    this.sent = sent;
    if (phase && phase !== this.phase) {
      this.phase = phase;
      this.render();
    }
  }

  /** Draws the final state and leaves the line. */
  stop(): void {
    clearInterval(this.timer);
    this.render();
    if (this.out.isTTY) this.out.write('\n');
  }

  line(): string {
    const t = this.tally;
    const f = t.totals();
    const elapsed = Math.round((Date.now() - this.started) / 1000);
    const clock = `${Math.floor(elapsed / 60)}:${String(elapsed % 60).padStart(2, '0')}`;
    return `${this.sent}/${this.total} events · ${t.accepted} accepted · ${t.duplicates} duplicates · ${t.rejected} rejected · flows ${f.completed} done, ${f.failed} failed, ${f.active} running · ${clock} ${this.phase}`;
  }

  private render(): void {
    const text = this.line();
    if (!this.out.isTTY) {
      if (text !== this.lastPlain) this.out.write(`[demo] ${text}\n`);
      this.lastPlain = text;
      return;
    }
    const width = 24;
    const done = this.total === 0 ? width : Math.round((this.sent / this.total) * width);
    const bar = `${'█'.repeat(done)}${'░'.repeat(width - done)}`;
    const full = `[${bar}] ${text}`;
    const columns = this.out.columns ?? 120;
    this.out.write(`\r\x1b[2K${full.length > columns - 1 ? `${full.slice(0, columns - 2)}…` : full}`);
  }
}
