import { env } from '@aiwire/core';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import { resolveLogsOptions } from './logs.options.js';

describe('resolveLogsOptions', () => {
  it('applies the defaults', () => {
    expect(resolveLogsOptions({})).toEqual({ level: 'info', pretty: false, redact: [], secrets: [], discoverSecrets: true, http: false, destination: undefined });
  });

  it("reads env('NAME') secrets from the environment and keeps values as they are", () => {
    expect(resolveLogsOptions({ secrets: ['literal-secret', env('H2_TEST_SECRET')] }, { H2_TEST_SECRET: 'from-the-env' }).secrets).toEqual(['literal-secret', 'from-the-env']);
  });

  it('refuses a secret that is not set or blank, and a level pino does not have, saying what to do', () => {
    expect(() => resolveLogsOptions({ secrets: [env('H2_MISSING')] }, {})).toThrow(new MonitoringConfigurationError("MonitoringModule: logs.secrets names env('H2_MISSING'), which is not set, so its value could not be censored. Set H2_MISSING, or remove it from logs.secrets."));
    expect(() => resolveLogsOptions({ secrets: ['ok-secret', ' '] }, {})).toThrow(/logs\.secrets\[1\] is blank/);
    expect(() => resolveLogsOptions({ level: 'verbose' as never })).toThrow(/logs\.level "verbose" is not a pino level/);
  });
});
