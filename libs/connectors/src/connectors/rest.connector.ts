import { Connector } from './connector.js';

/**
 * Any REST API: `request({ method, path, query, body })`, typed by the caller.
 * @publicApi
 */
export class RestConnector extends Connector {
  readonly kind = 'rest' as const;
}
