import type { ChatMessage } from '../interfaces/chat.interface.js';
import type { PreparedOutput } from '../schema/output-schema.js';
import type { LocalTask } from '../tasks/local-task.js';

/** A request with its schema prepared and its timeouts resolved; what the executor runs. */
export interface PreparedRequest {
  readonly messages: readonly ChatMessage[];
  readonly provider?: string;
  readonly model?: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly output?: PreparedOutput;
  readonly task?: LocalTask;
  readonly fallback?: readonly string[] | false;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
}
