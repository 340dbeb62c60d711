/** Every message the module logs or throws, in one place; each says what failed and what to do. */
export const messages = {
  providerSkipped: (name: string, why: string) => `AI provider "${name}" skipped: ${why}. Calls that name it go to the next provider in the chain.`,
  onlyLocal: () => 'No AI provider is usable (no API keys); the embedded "local" provider serves sentiment, classify, extract and summarize. Set OPENAI_API_KEY or ANTHROPIC_API_KEY for an LLM.',
  unknownProvider: (name: string, known: readonly string[]) => `AI provider "${name}" is not configured. Configured providers: ${known.join(', ') || '(none)'}; add it to providers or fix the name.`,
  badKind: (name: string, kind: string) => `AI provider "${name}" has kind "${kind}"; use 'openai' (any Chat Completions server), 'anthropic' or 'local'.`,
  circuit: (name: string, state: string) => `AI provider "${name}" circuit is now ${state}${state === 'open' ? ': calls skip it until a trial call succeeds' : ''}.`,
  noPrice: (model: string) => `No price for model "${model}": its cost is reported as 0. Add it to AiModule prices ({ inputPerMTok, outputPerMTok }).`,
  redisFailed: (what: string, reason: string) => `AI ${what} skipped because Redis failed (${reason}); the call went on without it.`,
  callbackNeedsSecret: () => 'A callbackUrl needs jobs.callbackSecret (a Standard Webhooks whsec_… secret) so that receivers can verify the callback.',
  callbackFailed: (jobId: string, attempt: number, attempts: number, reason: string) => `AI job ${jobId}: callback attempt ${attempt}/${attempts} failed (${reason}); retrying with backoff.`,
  callbackGaveUp: (jobId: string, reason: string) => `AI job ${jobId}: callback given up after its last attempt (${reason}); the result stays readable with AiJobsService.get().`,
  jobFailed: (jobId: string, reason: string) => `AI job ${jobId} failed: ${reason}`,
  workerStopped: (reason: string) => `AI job worker stopped: ${reason}`,
  badJobRequest: (problems: readonly string[]) => `Invalid AI job request: ${problems.join('; ')}`,
  badArgument: (what: string) => `Invalid argument: ${what}`,
} as const;
