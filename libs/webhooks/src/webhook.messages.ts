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
  badCidr: (source: string, entry: string) =>
    `Webhook source "${source}": "${entry}" in allowIps is not an IPv4/IPv6 address or CIDR (e.g. 192.0.2.0/24, 2001:db8::/32).`,
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
  storeFailed: (source: string, reason: string) =>
    `Webhook for "${source}" answered 503: Redis did not store the event (${reason}). The sender will retry.`,
  handlerFailed: (handler: string, eventId: string, attempt: number, attempts: number, reason: string) =>
    `Handler ${handler} failed on event ${eventId} (attempt ${attempt}/${attempts}): ${reason}`,
  deadLetter: (handler: string, eventId: string) =>
    `Handler ${handler} gave up on event ${eventId}; it is kept as a dead letter. Replay it with WebhookAdminService.replay().`,
  noHandlers: () =>
    `No @OnWebhook handler is registered in this process, so accepted webhooks have nothing to run. ` +
    `The process that receives a webhook decides which handlers run it: register the same handler providers ` +
    `in API-only processes (workers: false) as in your workers.`,
  unsupportedBull: (reason: string) =>
    `@aiwire/webhooks stores events with the addJob script of the installed Bull, which it could not load (${reason}). ` +
    `Install a supported Bull: npm i bull@^4.16.`,
  classValidatorMissing: (handler: string) =>
    `${handler} declares a dto, which needs class-validator and class-transformer. Install them: npm i class-validator class-transformer`,
} as const;
