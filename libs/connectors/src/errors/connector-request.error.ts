/**
 * A call that cannot be sent as asked, refused before anything is sent: a `path` that does not
 * start with one `/`, a `{name}` without a value in `params`, a path parameter (or segment) that is
 * or decodes to `.` or `..` — it would walk the API's path with the connector's credentials — a
 * Slack method or GitHub repository of the wrong shape. A `TypeError`, as these were before they
 * had a class of their own.
 * @publicApi
 */
export class ConnectorRequestError extends TypeError {
  override readonly name = 'ConnectorRequestError';

  constructor(
    /** The connector's name in the module options. */
    readonly connector: string,
    message: string,
  ) {
    super(message);
  }
}
