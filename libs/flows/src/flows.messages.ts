/** Every message the module logs or throws, in one place; each says what failed and what to do. */
export const messages = {
  redisDown: (reason: string) => `Flows: Redis is unreachable (${reason}); runs cannot start or resume until it is back.`,
  redisBack: () => 'Flows: Redis is reachable again; runs resume.',
  queueErrorLabel: () => 'Flows queue error',
  workersStarted: (concurrency: number) => `Flow workers started (concurrency ${concurrency}).`,
  workerStopped: (reason: string) => `Flow worker stopped: ${reason}. Runs wait in Redis until a worker takes them; restart the process.`,
  noFlows: () => 'FlowsModule is imported but no @Flow method was found: decorate a method of a provider with @Flow(name).',
  badOption: (option: string, value: unknown, want: string) =>
    `FlowsModule option ${option} is ${JSON.stringify(value)}; it must be ${want}.`,
  badFlowOption: (flow: string, option: string, value: unknown, want: string) =>
    `@Flow('${flow}') option ${option} is ${JSON.stringify(value) ?? String(value)}; it must be ${want}.`,
  duplicateFlow: (flow: string, first: string, second: string) =>
    `Flow name "${flow}" is declared twice, on ${first} and on ${second}: flow names are unique in an app; rename one.`,
  onFailureNotMethod: (flow: string, target: string, method: string) =>
    `@Flow('${flow}') on ${target} names onFailure "${method}", which is not a method of that class: add the method or fix the name.`,
  requestScopedFlow: (target: string) =>
    `@Flow on ${target} ignored: its provider is request-scoped (or depends on one). Flows run in queue workers, outside any request; make the provider a singleton.`,
  badDuration: (what: string, value: unknown) =>
    `${what} is ${JSON.stringify(value) ?? String(value)}: write milliseconds (a number >= 0) or a string such as '500ms', '30s', '30m', '2h', '1d', '1w'.`,
  badUntil: (step: string, value: unknown) =>
    `sleepUntil('${step}') got ${JSON.stringify(value) ?? String(value)}: pass a Date or an ISO date string.`,
  flowNotFound: (flow: string, known: readonly string[]) =>
    `No flow is named "${flow}". Flows in this app: ${known.length ? known.join(', ') : '(none: decorate a method with @Flow)'}.`,
  flowNotInWorker: (flow: string, runId: string) =>
    `Run "${runId}" is of flow "${flow}", which this worker does not declare (renamed or removed since it started). Deploy a worker that has it, then replay the run.`,
  runNotFound: (runId: string) => `No flow run has id "${runId}" (never started, or expired after the retention).`,
  determinism: (flow: string, runId: string, expected: string, actual: string) =>
    `Flow "${flow}" run "${runId}" reached step "${actual}" where the recorded run has step "${expected}": the code changed under a live run. ` +
    `Replay the run from "${expected}" (FlowsService.replay(runId, { fromStep: '${expected}' })) to run it on the new code.`,
  duplicateStep: (flow: string, runId: string, step: string) =>
    `Flow "${flow}" run "${runId}" reached step "${step}" a second time: each step, sleep and wait of a run needs its own id (add an index or a suffix).`,
  stepFailed: (step: string, attempts: number, reason: string) =>
    `Step "${step}" failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`,
  resultTooLarge: (step: string | undefined, bytes: number, limit: number) =>
    `${step === undefined ? 'The flow\'s result' : `The result of step "${step}"`} is ${bytes} bytes of JSON, over the limit of ${limit} (maxStepResultBytes): ` +
    'store large data elsewhere (a bucket, a table) and return its key.',
  resultNotJson: (step: string, reason: string) =>
    `The result of step "${step}" cannot be stored as JSON (${reason}): return plain data (objects, arrays, strings, numbers, booleans, null).`,
  replayActive: (runId: string, status: string) =>
    `Run "${runId}" is ${status}: only a finished run (completed, failed or cancelled) can be replayed. Cancel it first, or wait for it to end.`,
  replayUnknownStep: (runId: string, step: string, known: readonly string[]) =>
    `Run "${runId}" has no step "${step}" to replay from. Its steps: ${known.length ? known.join(', ') : '(none)'}.`,
  onFailureFailed: (flow: string, runId: string, reason: string) =>
    `onFailure of flow "${flow}" failed for run "${runId}": ${reason}. The run stays failed; replay it once the cause is fixed.`,
  runFailed: (flow: string, runId: string, reason: string) => `Flow "${flow}" run "${runId}" failed: ${reason}`,
  runsRecovered: (count: number) =>
    `${count} flow run${count === 1 ? ' was' : 's were'} stored but not queued (a process stopped between the two, or Redis failed the job); queued again.`,
  recoveryFailed: (reason: string) => `Flows: the check for runs left unqueued failed (${reason}); it runs again at the next interval.`,
  executionFailed: (runId: string, reason: string) => `Flow run "${runId}" could not execute (${reason}); the job is retried.`,
};
