/** Every message the module logs or throws, in one place; each says what failed and what to do. Never a credential. */
export const messages = {
  refreshRefused: (connector: string, code: string, detail: string, cooldownMs: number, refreshTokenSource: string) =>
    `Connector "${connector}": the token endpoint refused the refresh token (${code}${detail}). ` +
    `The user must authorize the app again; then update refreshToken (${refreshTokenSource}). Refreshes pause for ${Math.ceil(cooldownMs / 1000)} s.`,
  clientRefused: (connector: string, code: string, detail: string, cooldownMs: number) =>
    `Connector "${connector}": the token endpoint refused the client credentials (${code}${detail}). ` +
    `Check clientId and clientSecret. Refreshes pause for ${Math.ceil(cooldownMs / 1000)} s.`,
  tokenRequestFailed: (connector: string, code: string, detail: string, cooldownMs: number) =>
    `Connector "${connector}": the token request failed (${code}${detail}). ` +
    `Check tokenUrl and the token endpoint's health. Refreshes pause for ${Math.ceil(cooldownMs / 1000)} s; the API call was not sent.`,
  refreshCoolingDown: (connector: string, code: string, agoMs: number, leftMs: number) =>
    `Connector "${connector}": a token refresh failed ${Math.ceil(agoMs / 1000)} s ago (${code}); no new attempt for ` +
    `${Math.ceil(leftMs / 1000)} s, so the call was not sent. Fix the credentials or wait for the cooldown.`,
  staleTokenUsed: (connector: string, code: string, leftMs: number) =>
    `Connector "${connector}": early token refresh failed (${code}); the current token stays in use for ${Math.ceil(leftMs / 1000)} s more.`,
  redisDown: (reason: string) => `Redis unreachable (${reason}); OAuth refreshes fail and rate limits are not shared until it is back`,
  redisBack: () => 'Redis connection restored',
  tokenStoreUnavailable: (connector: string, reason: string) =>
    `Connector "${connector}": the OAuth token cache in Redis is unreachable (${reason}), so no token could be read or refreshed and the call was not sent. Check the Redis connection.`,
  refreshLockTimeout: (connector: string, waitedMs: number) =>
    `Connector "${connector}": another process held the token refresh lock for more than ${Math.ceil(waitedMs / 1000)} s; the call was not sent. Check the token endpoint's latency; a crashed holder's lock expires on its own.`,
  badTokenUrl: (connector: string, source: string) =>
    `Connector "${connector}": auth.tokenUrl (${source}) is not an absolute http(s) URL, so no token was requested and the call was not sent. ` +
    `Set it to the token endpoint, e.g. https://api.hubapi.com/oauth/v1/token.`,
  refreshTokenRotated: (connector: string) => `Connector "${connector}": the token endpoint rotated the refresh token; the new one is saved in Redis.`,
  unknownKind: (name: string, kind: unknown) =>
    `Connector "${name}" has kind "${String(kind)}", which does not exist. Use one of rest, slack, stripe, shopify, hubspot, github.`,
  missingOption: (name: string, option: string, why: string) => `Connector "${name}" needs "${option}": ${why}`,
  badOption: (name: string, option: string, why: string) => `Connector "${name}": option "${option}" ${why}`,
  badBaseUrl: (name: string, kind: string, baseUrl: string, why: string, write: string) =>
    `Connector "${name}" (${kind}): baseUrl "${baseUrl}" ${why}. Write ${write}; the connector adds the API's own paths.`,
  badName: (name: string) => `Connector name "${name}" must match [A-Za-z0-9_.-]+ (it is part of Redis keys and injection tokens).`,
  unknownConnector: (name: string, known: readonly string[]) =>
    `No connector named "${name}". Configured connectors: ${known.join(', ') || '(none)'}.`,
  namesNotConfigured: (names: readonly string[], configured: readonly string[]) =>
    `ConnectorsModule.forRootAsync: connectorNames lists ${names.map((n) => `"${n}"`).join(', ')}, which the factory did not configure ` +
    `(it configured: ${configured.join(', ') || '(none)'}). Configure them or remove them from connectorNames.`,
  circuitChanged: (connector: string, to: string, from: string) =>
    to === 'open'
      ? `Connector "${connector}": circuit opened after repeated failures; calls fail fast with CircuitOpenError until a trial call succeeds.`
      : `Connector "${connector}": circuit ${from} → ${to}.`,
  rateLimiterUnavailable: (connector: string, reason: string) =>
    `Connector "${connector}": the shared rate limiter is unavailable (${reason}); calls go out unthrottled until Redis answers again.`,
  pathNotRooted: (connector: string, path: string) =>
    `Connector "${connector}": request path must start with a single "/", got "${path.slice(0, 80)}"; the call was not sent. Give the path after baseUrl, e.g. "/orders/{id}".`,
  paramMissing: (connector: string, path: string, name: string) =>
    `Connector "${connector}": request path "${path.slice(0, 200)}" needs a value for {${name}} in params; the call was not sent.`,
  dotSegment: (connector: string, path: string, where: string) =>
    `Connector "${connector}": ${where} in request path "${path.slice(0, 200)}" is or decodes to "." or "..", which would move the call to ` +
    `another path of the API with the connector's credentials; the call was not sent. Pass the id or name itself (check where the value came from).`,
  slackMethod: (connector: string, method: string) =>
    `Connector "${connector}": Slack method must look like "chat.postMessage", got "${method.slice(0, 80)}"; the call was not sent.`,
  githubRepository: (connector: string, fullName: string) =>
    `Connector "${connector}": repository must be "owner/name", got "${fullName.slice(0, 200)}"; the call was not sent.`,
  webhookWrongKind: (connector: string, kind: string) =>
    `Webhook subscription names connector "${connector}" of kind "${kind}"; only shopify, stripe and github connectors can register webhooks.`,
  webhookNoRepository: (connector: string) =>
    `Webhook subscription for GitHub connector "${connector}" needs repository: 'owner/name'.`,
  webhookNoTopics: (connector: string) => `Webhook subscription for connector "${connector}" needs at least one topic.`,
  stripeSecretUnknown: (connector: string, endpointId: string) =>
    `Connector "${connector}": Stripe endpoint ${endpointId} already exists but its signing secret was never seen here ` +
    `(Stripe shows it only at creation). Copy it from the Dashboard, or set recreateIfSecretUnknown: true to replace the endpoint.`,
  webhookFailed: (connector: string, url: string, reason: string) =>
    `Could not ensure the webhook subscription of connector "${connector}" to ${url}: ${reason}`,
  webhookStartupFailed: (count: number) =>
    `${count} webhook subscription(s) could not be ensured at startup; call WebhookRegistrar.ensureAll() once the providers answer.`,
} as const;
