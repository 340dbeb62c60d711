/**
 * An outbound URL was refused because it could reach the host's own network (SSRF guard).
 * The message names the host and the reason, never the full URL (it may carry credentials).
 * @publicApi
 */
export class SsrfBlockedError extends Error {
  override readonly name = 'SsrfBlockedError';

  constructor(
    /** The URL's host as parsed (empty when the URL could not be parsed). */
    readonly host: string,
    /** Why it was refused, e.g. `resolves to a private address (10.0.0.7)`. */
    readonly reason: string,
  ) {
    super(
      `Refused to call ${host ? `"${host}"` : 'the URL'}: it ${reason}. ` +
        `Use a public http(s) URL, or add the host to allowHosts if it is trusted.`,
    );
  }
}
