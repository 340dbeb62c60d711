/** The provider could not be reached or the connection broke before an answer (retried). */
export class AiNetworkError extends Error {
  override readonly name = 'AiNetworkError';

  constructor(
    readonly provider: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${provider} could not be reached: ${detail}. Check its baseURL and the network; the call is retried.`, options);
  }
}
