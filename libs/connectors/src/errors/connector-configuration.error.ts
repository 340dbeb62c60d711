/**
 * The module options or a connector's options are wrong; thrown at startup, or when a connector is registered.
 * @publicApi
 */
export class ConnectorConfigurationError extends Error {
  override readonly name = 'ConnectorConfigurationError';
}
