/** Every message the alerts part logs or throws; each says what failed and what to do. */
export const alertMessages = {
  noRules: () => 'MonitoringModule: alerts.rules is empty; add a rule such as { name: "webhook-401s", when: { metric: "webhook_rejected", reason: "signature", over: "5m", above: 10 } }, or remove alerts',
  badName: (at: string, name: unknown) => `MonitoringModule: ${at}.name ${JSON.stringify(name)} must be 1 to 64 characters of A-Z a-z 0-9 _ . - (it names the rule in notifications and Redis keys)`,
  duplicateName: (name: string) => `MonitoringModule: two alert rules are named "${name}"; give each rule its own name`,
  badCondition: (rule: string) =>
    `MonitoringModule: alert rule "${rule}": when must be exactly one of { metric, over, above }, { deadLetters: { above } } or { aiCostUsd: { per, above } }`,
  unknownKey: (rule: string, key: string, allowed: readonly string[]) => `MonitoringModule: alert rule "${rule}": when.${key} is not an option; use ${allowed.join(', ')}`,
  unknownMetric: (rule: string, metric: unknown, known: readonly string[]) =>
    `MonitoringModule: alert rule "${rule}": metric ${JSON.stringify(metric)} does not exist; use one of ${known.join(', ')}`,
  noReasons: (rule: string, metric: string) => `MonitoringModule: alert rule "${rule}": metric ${metric} takes no reason; remove when.reason`,
  unknownReason: (rule: string, metric: string, reason: unknown, known: readonly string[]) =>
    `MonitoringModule: alert rule "${rule}": ${metric} has no reason ${JSON.stringify(reason)}; use one of ${known.join(', ')}`,
  badSource: (rule: string, means: string) => `MonitoringModule: alert rule "${rule}": when.source must be a non-empty string (${means}), or left out for all`,
  badThreshold: (at: string, value: unknown, integer: boolean) =>
    `MonitoringModule: ${at} must be ${integer ? 'a whole number' : 'a number'} >= 0 (the rule fires while the value is above it); got ${JSON.stringify(value)}`,
  badChannel: (kind: unknown) => `MonitoringModule: alerts.channel.kind ${JSON.stringify(kind)} is not a channel; use { kind: 'slack', connector, channel } or { kind: 'webhook', url, secret }`,
  badChannelField: (field: string, example: string) => `MonitoringModule: alerts.channel.${field} is required; e.g. ${example}`,
  badWebhookUrl: (url: string) => `MonitoringModule: alerts.channel.url ${JSON.stringify(url)} is not an http(s) URL`,
  badRetry: (field: string, value: unknown, rule: string) => `MonitoringModule: alerts.retry.${field} must be ${rule}; got ${JSON.stringify(value)}`,
  noConnectorsPackage: (connector: string) =>
    `MonitoringModule: alerts.channel is the Slack connector "${connector}", but @aiwire/connectors is not installed; npm install @aiwire/connectors and import ConnectorsModule.forRoot({ connectors: { ${connector}: { kind: 'slack', ... } } })`,
  noConnectorsModule: (connector: string) =>
    `MonitoringModule: alerts.channel is the Slack connector "${connector}", but ConnectorsModule is not imported; import ConnectorsModule.forRoot({ connectors: { ${connector}: { kind: 'slack', ... } } }) in the app`,
  unknownConnector: (connector: string, known: readonly string[]) =>
    `MonitoringModule: alerts.channel names connector "${connector}", which ConnectorsModule does not have (it has ${known.join(', ') || 'none'}); add it or name another`,
  notSlack: (connector: string, kind: string) => `MonitoringModule: alerts.channel names connector "${connector}", a ${kind} connector; name a kind: 'slack' connector`,
  noWebhooksQueue: (rule: string) =>
    `MonitoringModule: alert rule "${rule}" counts dead letters, but this app has no webhooks queue; import WebhookModule from @aiwire/webhooks (a worker or API process), or remove the rule`,
  evaluationFailed: (reason: string) => `Alert rules could not be evaluated (${reason}); retrying every tick, notifications wait until Redis answers`,
  evaluationBack: () => 'Alert rules are evaluated again',
  deliveryStalled: (reason: string) => `Queued alert notifications could not be taken or settled (${reason}); they stay queued in Redis and are sent when it answers`,
  deliveryFailed: (id: string, attempt: number, attempts: number, reason: string, delayMs: number) =>
    `Alert notification ${id} failed (attempt ${attempt} of ${attempts}: ${reason}); retrying in ${delayMs} ms`,
  deliveryGaveUp: (id: string, attempts: number, reason: string, text: string) =>
    `Alert notification ${id} was NOT delivered after ${attempts} attempts (${reason}); check alerts.channel. It said: ${text}`,
  deliveryTimedOut: (ms: number) => `no answer within ${ms} ms`,
  receiverRefused: (status: number) => `the receiver answered HTTP ${status}`,
} as const;
