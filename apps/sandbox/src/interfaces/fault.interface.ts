/** How the next matching requests to a service fail. */
export interface FaultSpec {
  /**
   * HTTP status to answer with; the body and headers are the service's own for that status
   * (429 carries its real rate-limit headers) unless `body`/`headers` replace them.
   * Omit it together with `delayMs` to only slow the real answer down.
   * @default undefined
   */
  status?: number;
  /**
   * How many matching requests this fault takes.
   * @default 1
   */
  times?: number;
  /**
   * Replaces the service's error body (an object is sent as JSON, a string as is).
   * @default undefined (the service's own body for `status`)
   */
  body?: unknown;
  /**
   * Headers added to (and overriding) the service's own for `status`.
   * @default undefined
   */
  headers?: Record<string, string>;
  /**
   * Wait this long before answering (the failure, or the real answer when `status` is absent).
   * @default 0
   */
  delayMs?: number;
  /**
   * Accept the request and never answer, until the client gives up or the sandbox closes.
   * @default false
   */
  hang?: boolean;
  /**
   * Close the connection without answering (the client sees a reset / "other side closed").
   * @default false
   */
  reset?: boolean;
  /**
   * Let the service handle the request first (its effects stay: an object is created, a message
   * posted), then delay, hang, reset or replace its answer: a failure on the way back, after the
   * work was done, as when a gateway times out or a connection drops behind a slow backend.
   * @default false (the fault answers before the service runs, like a failing gateway)
   */
  afterHandler?: boolean;
  /**
   * Only requests whose path contains this text or matches this expression.
   * @default undefined (every request to the service)
   */
  path?: string | RegExp;
  /**
   * Only requests with this HTTP method.
   * @default undefined (any method)
   */
  method?: string;
}
