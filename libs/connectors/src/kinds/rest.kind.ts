import { RestConnector } from '../connectors/rest.connector.js';
import { genericDialect } from '../dialects/generic.dialect.js';
import type { ConnectorKindDescriptor } from './connector-kind.interface.js';

/** Any REST API: the caller gives `baseUrl`; no provider limit, the generic dialect. */
export const restKind: ConnectorKindDescriptor<'rest', RestConnector> = {
  kind: 'rest',
  defaultBaseUrl: () => undefined,
  // Any base path: the request paths are relative to it.
  baseUrlRule: (path) => ({ prefix: path }),
  headers: () => ({}),
  dialect: genericDialect,
  create: (name, http) => new RestConnector(name, http),
};
