import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line, so tests can assert what was (and was not) logged. */
export class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: string; context?: string }[] = [];

  log(message: unknown, context?: string): void { this.push('log', message, context); }
  error(message: unknown, ...rest: unknown[]): void { this.push('error', message, rest.at(-1) as string | undefined); }
  warn(message: unknown, context?: string): void { this.push('warn', message, context); }
  debug(message: unknown, context?: string): void { this.push('debug', message, context); }
  verbose(message: unknown, context?: string): void { this.push('verbose', message, context); }

  /** Everything logged, as one string. */
  text(): string {
    return this.lines.map((l) => `${l.level} [${l.context ?? ''}] ${l.message}`).join('\n');
  }

  private push(level: string, message: unknown, context?: string): void {
    this.lines.push({ level, message: typeof message === 'string' ? message : JSON.stringify(message), context });
  }
}
