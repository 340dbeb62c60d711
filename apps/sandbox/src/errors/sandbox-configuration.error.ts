/** The sandbox was asked for something it cannot do (bad options, an impossible fault). */
export class SandboxConfigurationError extends Error {
  override readonly name = 'SandboxConfigurationError';
}
