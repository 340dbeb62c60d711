/** Provider codes whose fix is specific (Slack answers them with HTTP 200). */
const CODE_HINTS: Readonly<Record<string, string>> = {
  channel_not_found: 'Check the channel name or id; a private channel must have the app invited.',
  not_in_channel: 'Invite the app to the channel (/invite @app) or use a public channel with chat:write.public.',
  is_archived: 'The channel is archived; post elsewhere or unarchive it.',
  missing_scope: 'The token lacks a scope this method needs; add it to the app and reinstall.',
  invalid_auth: "The token was refused; check the connector's auth options.",
  not_authed: 'No token was sent; configure the connector\'s auth.',
  no_text: 'Give text or blocks.',
  msg_too_long: 'Shorten the text (40 000 characters at most).',
  invalid_blocks: 'Fix the blocks (see the Block Kit Builder).',
  invalid_blocks_format: 'blocks must be an array of Block Kit blocks.',
};

/** What to do about a failed answer, by code, then by status. */
function httpHint(status: number, code: string | undefined, retryAfterMs: number | undefined): string {
  if (code && CODE_HINTS[code]) return CODE_HINTS[code];
  if (status === 401) return "The credentials were refused; check the connector's auth options.";
  if (status === 403) return 'The credentials lack a permission or scope this call needs.';
  if (status === 404) return 'Check the id or the path.';
  if (status === 409) return 'The resource is in a conflicting state or locked; retry later.';
  if (status === 429) {
    return retryAfterMs === undefined
      ? 'Rate limited; lower the call rate or raise retry.maxRetries.'
      : `Rate limited; retry in ${Math.ceil(retryAfterMs / 1000)} s or lower the call rate.`;
  }
  if (status >= 500) return 'The provider is failing; retry later.';
  if (status >= 400) return 'Fix the request parameters.';
  return 'The provider reported a failure; see code.';
}

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
  redisClosed: () => 'Redis connection closed',
  redisReconnecting: () => 'Redis is reconnecting',
  tokenStoreUnavailable: (connector: string, reason: string) =>
    `Connector "${connector}": the OAuth token cache in Redis is unreachable (${reason}), so no token could be read or refreshed and the call was not sent. Check the Redis connection.`,
  refreshLockTimeout: (connector: string, waitedMs: number) =>
    `Connector "${connector}": another process held the token refresh lock for more than ${Math.ceil(waitedMs / 1000)} s; the call was not sent. Check the token endpoint's latency; a crashed holder's lock expires on its own.`,
  badTokenUrl: (connector: string, source: string) =>
    `Connector "${connector}": auth.tokenUrl (${source}) is not an absolute http(s) URL, so no token was requested and the call was not sent. ` +
    `Set it to the token endpoint, e.g. https://api.hubapi.com/oauth/v1/token.`,
  refreshTokenRotated: (connector: string) => `Connector "${connector}": the token endpoint rotated the refresh token; the new one is saved in Redis.`,
  unknownKind: (name: string, kind: unknown, kinds: readonly string[]) =>
    `Connector "${name}" has kind "${String(kind)}", which does not exist. Use one of ${kinds.join(', ')}.`,
  missingOption: (name: string, option: string, why: string) => `Connector "${name}" needs "${option}": ${why}`,
  badOption: (name: string, option: string, why: string) => `Connector "${name}": option "${option}" ${why}`,
  badBaseUrl: (name: string, kind: string, baseUrl: string, why: string, write: string) =>
    `Connector "${name}" (${kind}): baseUrl "${baseUrl}" ${why}. Write ${write}; the connector adds the API's own paths.`,
  badName: (name: string) => `Connector name "${name}" must match [A-Za-z0-9_.-]+ (it is part of Redis keys and injection tokens).`,
  connectorExists: (name: string) => `Connector "${name}" already exists; remove it first or pick another name.`,
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
  webhookWrongKind: (connector: string, kind: string, kinds: readonly string[]) =>
    `Webhook subscription names connector "${connector}" of kind "${kind}"; only ${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)} connectors can register webhooks.`,
  webhookNoRepository: (connector: string) =>
    `Webhook subscription for GitHub connector "${connector}" needs repository: 'owner/name'.`,
  webhookNoTopics: (connector: string) => `Webhook subscription for connector "${connector}" needs at least one topic.`,
  stripeSecretUnknown: (connector: string, endpointId: string) =>
    `Connector "${connector}": Stripe endpoint ${endpointId} already exists but its signing secret was never seen here ` +
    `(Stripe shows it only at creation). Copy it from the Dashboard, or set recreateIfSecretUnknown: true to replace the endpoint.`,
  webhookNoUrl: (connector: string) => `Webhook subscription for connector "${connector}" needs url, or webhooks.publicUrl in the module options.`,
  webhookEnsured: (provider: string, url: string, topics: readonly string[]) => `Webhook subscription ensured: ${provider} → ${url} (${topics.join(', ')})`,
  webhookFailed: (connector: string, url: string, reason: string) =>
    `Could not ensure the webhook subscription of connector "${connector}" to ${url}: ${reason}`,
  webhookStartupFailed: (count: number) =>
    `${count} webhook subscription(s) could not be ensured at startup; call WebhookRegistrar.ensureAll() once the providers answer.`,
  callTimedOut: (call: string, timeoutMs: number, tries: string, host: string) =>
    `${call} failed: no answer within ${timeoutMs} ms ${tries}. Raise timeoutMs or check that ${host} is healthy.`,
  callUnreachable: (call: string, host: string, code: string, tries: string, permanent: boolean) =>
    `${call} failed: could not reach ${host} (${code}) ${tries}. ` +
    (permanent ? 'Check the host name and the TLS settings (mTLS certificate, key and CA).' : 'Check baseUrl and that the service is reachable.'),
  callRefused: (call: string, label: string, detail: string, tries: string, status: number, code: string | undefined, retryAfterMs: number | undefined) =>
    `${call} failed: ${label}${detail} ${tries}. ${httpHint(status, code, retryAfterMs)}`,
  invalidResponse: (call: string, status: number, what: string) => `${call} answered HTTP ${status} with ${what}; the call's result is unusable.`,
  attemptTimedOut: (timeoutMs: number) => `No complete answer within ${timeoutMs} ms`,
  secretNotFound: (name: string, providers: readonly string[]) =>
    `Secret "${name}" was not found (looked in: ${providers.join(', ') || 'no provider'}). ` +
    `Set it (e.g. the environment variable ${name}, or a file named ${name} in the secrets directory), or configure a SecretsProvider that holds it.`,
  secretNameEmpty: () => 'env(name): the secret name must be a non-empty string',
} as const;
