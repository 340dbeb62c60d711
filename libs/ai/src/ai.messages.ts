import type { ProviderFailure } from './interfaces/chat.interface.js';

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
  callbackTimedOut: (ms: number) => `no complete answer within ${ms} ms (jobs.callbackTimeoutMs bounds the whole delivery: connecting, sending, the response headers and body; a receiver should answer 2xx at once and do its work afterwards)`,
  callbackRefused: (status: number) => `the receiver answered ${status}`,
  callbackGaveUp: (jobId: string, reason: string) => `AI job ${jobId}: callback given up after its last attempt (${reason}); the result stays readable with AiJobsService.get().`,
  routeJobIdRefused: () => 'jobId cannot be chosen through the job routes: the server draws an unguessable id and returns it in the 202 answer; read the job at GET …/jobs/<that id>. For an idempotent submit under your own id, call AiJobsService.submit(request, { jobId }) from server code.',
  routeJobNotFound: () => 'No AI job with this id: unknown, expired, or submitted under an id chosen by server code (only ids the server drew can be read here).',
  jobFailed: (jobId: string, reason: string) => `AI job ${jobId} failed: ${reason}`,
  workerStopped: (reason: string) => `AI job worker stopped: ${reason}`,
  badJobRequest: (problems: readonly string[]) => `Invalid AI job request: ${problems.join('; ')}`,
  badArgument: (what: string) => `Invalid argument: ${what}`,
  redisDown: (reason: string) => `Redis unreachable for the AI module (${reason}); calls run without cache and shared limits until it is back`,
  redisBack: () => 'Redis connection restored for the AI module',
  queueError: () => 'AI queue error',
  workersStarted: (concurrency: number) => `AI job workers started (concurrency ${concurrency})`,
  requestScopedCache: (name: string) => `@CacheAiResult on ${name} ignored: its provider is request-scoped; make it a singleton.`,
  routeBodyNotObject: () => 'The body must be a JSON object: a chat request with messages.',
  routeCallbackUrlNotString: () => 'callbackUrl must be a string.',
  nlpPackageBroken: (name: string) => `@nlpjs language package does not export ${name}; reinstall @aiwire/ai's dependencies.`,
  classSchemaNeedsValidator: (reason: string) => `A class was given as schema, which needs class-validator and class-transformer: npm i class-validator class-transformer (${reason}).`,
  classSchemaUndecorated: (name: string) => `Schema class ${name} has no class-validator decorators on its properties; decorate them (@IsString(), @IsIn([...]), ...) or pass a JSON Schema.`,
  badSchema: () => 'schema must be a class-validator class or a JSON Schema object.',
  textRequired: () => 'text must be a non-empty string',
  labelsTooFew: () => 'labels must be an array of at least two non-empty strings',
  labelsNotDistinct: () => 'labels must be distinct',
  badJobId: () => 'jobId must be 1-128 characters of letters, digits, _ . : -',
  localNotAnLlm: () =>
    'the local provider is not a language model; it answers sentiment, classify, extract and summarize (or prompts such as "Summarize: …", ' +
    '"Sentiment: …", "Classify into a, b or c: …"). Configure an LLM provider for free-form chat.',
  localTextTooLong: (length: number, max: number) => `the text is ${length} characters and the local provider reads at most ${max}; send a shorter text (e.g. the first part) or use an LLM provider.`,
  localLanguageUnsupported: (languages: readonly string[], detected: string) => `local sentiment covers ${languages.join(', ')}; the text looks like "${detected}". Pass { language } or use an LLM provider.`,
  localNoLabelKeyword: (labels: readonly string[]) => `no keyword of the labels ${labels.join(', ')} occurs in the text; give keywords or examples in providers.<name>.labels, add an "other" label, or use an LLM provider.`,
  localExtractNeedsSchema: () => 'extraction needs a schema',
  localFieldsMissing: (missing: readonly string[]) => `it cannot find the required field(s) ${missing.join(', ')} in the text (it finds emails, phones, URLs, dates, amounts, order ids, language, sentiment, summary, topics, counts and enum values by name).`,
  noApiKey: (host: string, env: string) => `no apiKey for ${host} (set ${env})`,
  networkError: (provider: string, detail: string) => `${provider} could not be reached: ${detail}. Check its baseURL and the network; the call is retried.`,
  outputInvalid: (provider: string, errors: readonly string[]) => `${provider}'s structured output does not match the schema: ${errors.slice(0, 5).join('; ')}. The call is retried; simplify the schema if it keeps failing.`,
  responseInvalid: (provider: string, detail: string) => `${provider} sent an unusable response body (${detail}); a proxy may have cut it. The call is retried.`,
  attemptTimedOut: (provider: string, ms: number) => `${provider} did not answer within ${ms} ms; the attempt was aborted (raise retry.timeoutMs for long generations).`,
  deadlinePassed: (provider: string, ms: number) => `The AI call ran out of its ${ms} ms deadline while on ${provider}; raise retry.deadlineMs or the call's deadlineMs.`,
  unavailable: (failures: readonly ProviderFailure[]) =>
    failures.length === 0
      ? 'No AI provider is configured for this call; add one to providers (local needs no key).'
      : `No AI provider could serve the call: ${failures.map((f) => `${f.provider} (${f.reason}: ${f.message})`).join('; ')}`,
  budgetExceeded: (provider: string, spentUsd: number, budgetUsd: number) =>
    `${provider} has spent $${spentUsd.toFixed(4)} of its $${budgetUsd} daily budget (UTC day); ` +
    `the call goes to the next provider. Raise limits.${provider}.dailyBudgetUsd if this is expected.`,
  cannotAnswer: (provider: string, detail: string) => `${provider} cannot answer this: ${detail}`,
  providerAnswered: (provider: string, status: number, code: string | undefined, providerMessage: string, quotaExhausted: boolean) =>
    `${provider} answered ${status}${code ? ` ${code}` : ''}: ${providerMessage}${providerHint(status, quotaExhausted)}`,
} as const;

function providerHint(status: number, quotaExhausted: boolean): string {
  if (quotaExhausted) return ' — the account is out of quota or credit: add credit or raise the spend limit; retrying cannot help.';
  if (status === 401 || status === 403) return ' — check the provider’s apiKey.';
  if (status === 404) return ' — check the model name and baseURL.';
  if (status === 429) return ' — slow down or set limits for this provider.';
  return '';
}

