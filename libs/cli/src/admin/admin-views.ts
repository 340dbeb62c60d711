// The admin API's answers as this client reads them. Declared here rather than imported: the CLI
// talks to any running app over HTTP and does not depend on @aiwire/monitoring or @aiwire/flows.

/** One item of `GET {admin}/dead-letters`. */
export interface DeadLetterItem {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly eventId: string;
  readonly handler: string;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt?: string;
  readonly receivedAt: string;
}

export interface DeadLetterPage {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly deadLetters: readonly DeadLetterItem[];
}

export interface FlowRunError {
  readonly name: string;
  readonly message: string;
  readonly step?: string;
}

export interface FlowWaitingFor {
  readonly kind: string;
  readonly step?: string;
  readonly until?: string;
  readonly event?: string;
  readonly match?: { readonly field: string; readonly value: string };
}

export interface FlowStepItem {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly attempts: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly output?: unknown;
  readonly error?: FlowRunError;
  readonly wakeAt?: string;
}

export interface FlowRunItem {
  readonly id: string;
  readonly flow: string;
  readonly status: string;
  readonly input?: unknown;
  readonly trigger?: { readonly kind: string; readonly source?: string; readonly type?: string; readonly eventId?: string };
  readonly createdAt: string;
  readonly updatedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs: number;
  readonly output?: unknown;
  readonly error?: FlowRunError;
  readonly concurrencyKey?: string;
  readonly waitingFor?: FlowWaitingFor;
}

export interface FlowRunPage {
  readonly total: number;
  readonly runs: readonly FlowRunItem[];
}

export interface FlowRunDetailItem extends FlowRunItem {
  readonly steps: readonly FlowStepItem[];
}
