import type { ChatRequest, ChatResult, JsonSchema, ProviderFailure } from './chat.interface.js';

/**
 * Where an async job is.
 * @publicApi
 */
export type AiJobStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * A chat request that can wait in a queue: a JSON Schema (classes are converted on submit), no signal.
 * @publicApi
 */
export type AiJobRequest = Omit<ChatRequest, 'schema' | 'signal'> & { schema?: JsonSchema };

/**
 * Options of `AiJobsService.submit`.
 * @publicApi
 */
export interface SubmitOptions {
  /** Where to POST the result when the job ends, signed with Standard Webhooks. @default none */
  callbackUrl?: string;
  /** Your own id for the job; submitting the same id again returns the existing job (idempotent). A chosen id is a name, not a secret: the HTTP routes never serve such a job. @default a random UUID */
  jobId?: string;
}

/**
 * A job as `AiJobsService.get` returns it.
 * @publicApi
 */
export interface AiJob {
  jobId: string;
  status: AiJobStatus;
  /** The chat result, once completed. */
  result?: ChatResult;
  /** Why it failed, once failed (the providers' failures included). */
  error?: { name: string; message: string; failures?: readonly ProviderFailure[] };
  createdAt: string;
  updatedAt: string;
  /** Times a worker started the job (more than 1 after a worker crash). */
  runs: number;
  callback?: AiJobCallbackState;
}

/**
 * Where the callback of a job is: state, attempts, last answer.
 * @publicApi
 */
export interface AiJobCallbackState {
  /** The callback URL's host (the URL itself may hold credentials and is not echoed). */
  host: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus?: number;
  lastError?: string;
  deliveredAt?: string;
}

/**
 * The body of a completion callback (`type` is `ai.job.completed` or `ai.job.failed`).
 * @publicApi
 */
export interface AiJobCallbackBody {
  type: 'ai.job.completed' | 'ai.job.failed';
  timestamp: string;
  data: Pick<AiJob, 'jobId' | 'status' | 'result' | 'error'>;
}
