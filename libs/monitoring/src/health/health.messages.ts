/** What the health part says; each message says what to do. */
export const healthMessages = {
  redisNotConnected: (status: string) => `Monitoring's Redis is not connected (${status}): check that it runs and answers at the configured address`,
  redisFailed: (reason: string) => `Monitoring's Redis did not answer PING (${reason}): check that it runs and answers at the configured address`,
  backlogAbove: (queues: readonly string[]) =>
    `The waiting + delayed jobs of ${queues.map((q) => `"${q}"`).join(', ')} passed health.maxBacklog: add workers, or find what slows the handlers`,
  deadLetters: (count: number, admin: string | undefined) =>
    `${count} dead letter(s): inspect and replay them ${admin === undefined ? 'with WebhookAdminService' : `at GET ${admin}/dead-letters, or with WebhookAdminService`}`,
  openCircuits: (names: readonly string[]) => `The circuit breaker of ${names.map((n) => `"${n}"`).join(', ')} is open: the service behind it is failing; calls are refused until a trial call succeeds`,
  unknownQueue: (name: string, known: readonly string[]) =>
    `health.maxBacklog names queue "${name}", which this app does not have (its queues: ${known.length ? known.map((q) => `"${q}"`).join(', ') : 'none'}); fix the name or remove it`,
} as const;
