/** What the flows part of the admin says; each message says what to do. */
export const flowsMessages = {
  flowsMissing: () =>
    'The run view needs FlowsModule from @aiwire/flows in this app: install @aiwire/flows and import FlowsModule.forRoot({ redis })',
  flowsBroken: (reason: string) => `@aiwire/flows could not be loaded (${reason}): the run view answers 501 until it loads. Check that every @aiwire package is at the same version.`,
  runNotFound: (id: string, admin: string) => `No flow run has id ${JSON.stringify(id)}: it never existed or its retention ran out; list the runs at GET ${admin}/flows/api/runs`,
  unknownFilter: (field: string) => `Unknown run filter ${JSON.stringify(field)}: use flow, status, since (and offset, limit)`,
  badFlow: () => 'The run filter flow must be one non-empty flow name',
  badStatus: (value: string, statuses: readonly string[]) => `Unknown run status ${JSON.stringify(value)}: use one or several (comma-separated) of ${statuses.join(', ')}`,
  badSince: () => 'The run filter since must be an ISO 8601 date or date-time, such as 2026-12-02T16:00:00Z',
  badPaging: (field: string, max: number) => `${field} must be a whole number${field === 'limit' ? ` from 1 to ${max}` : ', 0 or more'}`,
  replayBodyInvalid: () => 'The replay body must be empty or a JSON object such as {"fromStep": "crm-update"}',
  badFromStep: () => 'fromStep must be the id of a recorded step of the run, a non-empty string',
} as const;
