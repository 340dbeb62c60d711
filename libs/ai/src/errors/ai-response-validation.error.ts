/** A provider answered 2xx with a body we cannot use (not JSON, or missing required fields). Retried. */
export class AiResponseValidationError extends Error {
  override readonly name = 'AiResponseValidationError';

  constructor(
    readonly provider: string,
    readonly detail: string,
  ) {
    super(`${provider} sent an unusable response body (${detail}); a proxy may have cut it. The call is retried.`);
  }
}
