/** Every message the module logs or throws, in one place; each says what failed and what to do. */
export const messages = {
  rawBodyMissing: (source: string) =>
    `Webhook for "${source}" rejected: the raw request body is not available, so its signature cannot be checked. ` +
    `Create the app with NestFactory.create(AppModule, { rawBody: true }) (Express and Fastify alike).`,
  unknownScheme: (source: string, scheme: string) =>
    `Webhook source "${source}" names scheme "${scheme}", which does not exist. ` +
    `Use one of stripe, github, shopify, slack, standard, hmac-sha256, or pass an object implementing WebhookScheme.`,
  noSecrets: (source: string) =>
    `Webhook source "${source}" has no secrets. Give it at least one (several are accepted during rotation); ` +
    `an undefined environment variable is the usual cause.`,
  badAllowIp: (source: string, index: number, entry: string, example: { address: string; network: string }) =>
    `Webhook source "${source}": allowIps[${index}] ${entry} is not an IP address or CIDR: write "${example.address}" or "${example.network}" ` +
    `(one IPv4/IPv6 address, or one with "/" and a prefix length in decimal digits, 0–32 for IPv4 and 0–128 for IPv6).`,
  allowIpMappedPrefix: (source: string, index: number, entry: string, ipv4: string, bits: number) =>
    `Webhook source "${source}": allowIps[${index}] ${entry} is an IPv6 network that holds every IPv4 caller (::ffff:0:0/96 is all of IPv4): ` +
    `write the IPv4 network "${ipv4}/${bits}", or "::ffff:${ipv4}/${96 + bits}".`,
  allowIpsNotList: (source: string) =>
    `Webhook source "${source}": allowIps must be an array of addresses or CIDRs, e.g. ['192.0.2.0/24', '2001:db8::/32'] ` +
    `(split a comma-separated environment variable first).`,
  badStoredHeader: (source: string, name: string) =>
    `Webhook source "${source}": "${name}" in storeHeaders is not a header name (e.g. x-tenant-id).`,
  secretStoredHeader: (source: string, name: string) =>
    `Webhook source "${source}": storeHeaders names "${name}", which carries a signature or a credential and is never stored. Remove it.`,
  badJsonDepth: (source: string, value: unknown) =>
    `Webhook source "${source}": maxJsonDepth ${String(value)} must be a whole number from 1 to 1000 (the default, 64, suits every known provider).`,
  unstorablePayload: (source: string, reason: string) =>
    `Webhook for "${source}" answered 422: its payload cannot be written for storage (${reason}). Nothing was stored; check what changed the parsed body.`,
  badSourceName: (source: string) =>
    `Webhook source name "${source}" must match [A-Za-z0-9_-]+ because it is a URL path segment.`,
  unknownHandlerSource: (handler: string, source: string, known: readonly string[]) =>
    `@OnWebhook on ${handler} names source "${source}", which is not configured. Configured sources: ${known.join(', ') || '(none)'}.`,
  requestScopedHandler: (handler: string) =>
    `@OnWebhook on ${handler} ignored: its provider is request-scoped (or depends on one). Webhook handlers run in queue workers, outside any request; make the provider a singleton.`,
  duplicateHandler: (handler: string) =>
    `@OnWebhook handler ${handler} is provided more than once; only the first instance receives events.`,
  handlerGone: (handler: string) =>
    `Handler ${handler} is not registered in this worker (removed or renamed since the event was accepted). ` +
    `Deploy a worker that has it, then replay the dead letter with WebhookAdminService.`,
  noFrameworkListener: () =>
    `The HTTP server had no request listener when the webhook intake was mounted; requests the intake does not take ` +
    `will go unanswered. Use WebhookModule.forRoot({ ..., mount: 'controller' }) with this HTTP adapter.`,
  intakeFailed: (reason: string) => `Webhook intake failed unexpectedly and answered 500: ${reason}`,
  redisDown: (reason: string) => `Redis unreachable (${reason}); webhooks are answered 503 until it is back`,
  redisBack: () => 'Redis connection restored; webhooks are accepted again',
  queueErrorLabel: () => 'Webhook queue error',
  workersStarted: (concurrency: number) => `Webhook workers started (concurrency ${concurrency})`,
  workerStopped: (reason: string) => `Webhook worker stopped: ${reason}`,
  storeFailed: (source: string, reason: string) =>
    `Webhook for "${source}" answered 503: Redis did not store the event (${reason}). The sender will retry.`,
  handlerFailed: (handler: string, eventId: string, attempt: number, attempts: number, reason: string) =>
    `Handler ${handler} failed on event ${eventId} (attempt ${attempt}/${attempts}): ${reason}`,
  deadLetter: (handler: string, eventId: string) =>
    `Handler ${handler} gave up on event ${eventId}; it is kept as a dead letter. Replay it with WebhookAdminService.replay().`,
  noFailureReason: () => 'unknown',
  noHandlers: () =>
    `No @OnWebhook handler is registered in this process, so accepted webhooks have nothing to run. ` +
    `The process that receives a webhook decides which handlers run it: register the same handler providers ` +
    `in API-only processes (workers: false) as in your workers.`,
  unsupportedBull: (reason: string) =>
    `@aiwire/webhooks stores events with the addJob script of the installed Bull, which it could not load (${reason}). ` +
    `Install a supported Bull: npm i bull@^4.16.`,
  payloadRejected: (handler: string, errors: readonly string[]) => `Payload rejected by ${handler}'s dto: ${errors.join('; ')}`,
  payloadNotObject: () => 'payload must be a JSON object',
  classValidatorMissing: (handler: string) =>
    `${handler} declares a dto, which needs class-validator and class-transformer. Install them: npm i class-validator class-transformer`,
  handlerSourceNotConfigured: (id: string, source: string, known: readonly string[]) =>
    `Webhook handler ${id} names source "${source}", which is not configured. Configured sources: ${known.join(', ') || '(none)'}.`,
  handlerIdTaken: (id: string) =>
    `A webhook handler with id "${id}" is already registered. Handler ids are job targets shared by every process: give each handler its own id.`,
} as const;
