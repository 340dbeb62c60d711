/** What the admin says; each message says what to do. */
export const adminMessages = {
  unauthorized: () => 'Authentication required: send the admin user and password with HTTP basic auth',
  forbidden: () => 'Forbidden resource',
  crossSite: () => "Cross-site request refused: the admin's writes accept requests from its own pages and from clients that are not browsers",
  guardFailed: () => 'The admin guard threw on a queue UI request; it was answered 500. Make the guard return false or throw an HttpException to refuse.',
  passwordMissing: (name: string) =>
    `MonitoringModule: admin.basicAuth.password is env('${name}'), but the environment variable ${name} is not set (or empty): set it, or give the password itself`,
  credentialInvalid: (field: string) => `MonitoringModule: admin.basicAuth.${field} must be a non-empty string${field === 'user' ? " without ':'" : ''}`,
  bullBoardMissing: (platform: string) =>
    `The queue UI needs @bull-board/api and @bull-board/${platform} (9.10.1, optional peers of @aiwire/monitoring): npm install @bull-board/api@9.10.1 @bull-board/${platform}@9.10.1. The dead-letter API works without them.`,
  bullBoardBroken: (reason: string) => `The queue UI could not be loaded (${reason}); the dead-letter API still works. Check that every @bull-board package is at 9.10.1.`,
  bullBoardUnsupported: (platform: string) => `The queue UI runs on Express or Fastify; this app runs on ${platform}. The dead-letter API still works.`,
  webhooksMissing: () =>
    'The dead-letter API needs WebhookModule from @aiwire/webhooks in this app: install @aiwire/webhooks and import WebhookModule.forRoot({ redis, sources })',
  deadLetterNotFound: (id: string, admin: string) => `No dead letter has id ${JSON.stringify(id)}: it was replayed or discarded already; list them at GET ${admin}/dead-letters`,
  unknownFilter: (field: string) => `Unknown dead-letter filter ${JSON.stringify(field)}: use source, type and handler (and offset, limit when listing)`,
  badFilter: (field: string) => `The dead-letter filter ${field} must be one non-empty string`,
  badPaging: (field: string, max: number) => `${field} must be a whole number${field === 'limit' ? ` from 1 to ${max}` : ', 0 or more'}`,
  replayBodyInvalid: () => 'The replay filter must be a JSON object such as {"source": "stripe", "handler": "Billing.onPaid"}, or query parameters',
} as const;
