/** Every message the triggers log or throw; each says what failed and what to do. */
export const triggerMessages = {
  webhooksNotInstalled: (flow: string) =>
    `Flow "${flow}" has a webhook trigger, which needs @aiwire/webhooks: install it (npm i @aiwire/webhooks) and import WebhookModule.forRoot({ ... }) in the app.`,
  webhooksNotLoaded: (flow: string, reason: string) =>
    `Flow "${flow}" has a webhook trigger, but @aiwire/webhooks could not be loaded (${reason}). Install a version matching @aiwire/flows.`,
  webhookModuleMissing: (flow: string) =>
    `Flow "${flow}" has a webhook trigger, but WebhookModule is not imported: import WebhookModule.forRoot({ ... }) in the app ` +
    `(in every process that receives webhooks and in every worker), or remove the trigger.`,
  webhookSourceRefused: (flow: string, reason: string) => `Flow "${flow}": its webhook trigger was refused by WebhookModule: ${reason}`,
  badCronShape: (flow: string, cron: string) =>
    `Flow "${flow}": cron "${cron}" must have five fields (minute hour day month weekday, e.g. '0 2 * * *') or six (seconds first).`,
  badCron: (flow: string, cron: string, reason: string) =>
    `Flow "${flow}": cron "${cron}" is not a valid schedule (${reason}). Write five fields (e.g. '0 2 * * *') or six (seconds first).`,
  badTimeZone: (flow: string, tz: string) =>
    `Flow "${flow}": tz "${tz}" is not an IANA time zone. Write one such as 'Europe/Rome' or 'UTC', or leave tz out for the process's zone.`,
  cronFlowGone: (flow: string) =>
    `A cron firing names flow "${flow}", which this worker does not have (removed or renamed); the firing is skipped. ` +
    `Its schedule is removed when a process without it starts.`,
  staleScheduleRemoved: (flow: string, cron: string) => `Removed the stale cron schedule "${cron}" of flow "${flow}" (changed or removed since it was added)`,
  schedulesDeferred: (count: number) =>
    `Redis is not reachable at startup: the ${count} cron schedule(s) of this app are written once it is back; until then they do not fire.`,
  cronWorkerStopped: (reason: string) => `Flow cron worker stopped: ${reason}`,
} as const;
