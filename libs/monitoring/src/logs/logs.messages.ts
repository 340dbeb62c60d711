/** Every message the logs part throws or logs; each says what to do. */
export const messages = {
  secretNotSet: (name: string) =>
    `MonitoringModule: logs.secrets names env('${name}'), which is not set, so its value could not be censored. Set ${name}, or remove it from logs.secrets.`,
  secretBlank: (index: number) =>
    `MonitoringModule: logs.secrets[${index}] is blank; give the secret's value or env('NAME').`,
  prettyMissing: (reason: string) =>
    `MonitoringModule: logs.pretty needs pino-pretty, which could not be loaded (${reason}). Install it (npm i -D pino-pretty@^13) or set pretty: false.`,
  destinationFailed: (path: string, code: string) =>
    `MonitoringModule: logs.destination ${path} cannot be opened for writing (${code}). Give a writable file path, or a stream.`,
  badLevel: (level: unknown) =>
    `MonitoringModule: logs.level ${JSON.stringify(level)} is not a pino level; use one of fatal, error, warn, info, debug, trace, silent.`,
  secretsDiscovered: (count: number, from: readonly string[]) =>
    `Censoring ${count} secret value(s) found in ${from.join(', ')} wherever they appear in a log line`,
  discoveryFailed: (reason: string) =>
    `Could not read the connectors' credentials for log censoring (${reason}); list them in logs.secrets.`,
} as const;
