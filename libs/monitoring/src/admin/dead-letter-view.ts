/**
 * One dead letter as `GET {admin}/dead-letters` lists it.
 * @publicApi
 */
export interface DeadLetterView {
  /** Pass to `POST {admin}/dead-letters/:id/replay`. */
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly eventId: string;
  /** `Class.method` of the handler that failed. */
  readonly handler: string;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: string | undefined;
  readonly receivedAt: string;
}

/**
 * The body of `GET {admin}/dead-letters`.
 * @publicApi
 */
export interface DeadLetterList {
  /** Dead letters matching the filter, all pages. */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly deadLetters: DeadLetterView[];
}
