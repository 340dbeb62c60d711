/**
 * An option of MonitoringModule that cannot work as given; thrown at startup, before anything connects.
 * @publicApi
 */
export class MonitoringConfigurationError extends Error {
  override readonly name = 'MonitoringConfigurationError';
}
