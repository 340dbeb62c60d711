import { Inject, Injectable } from '@nestjs/common';
import { AI_OPTIONS } from './ai.constants.js';
import type { ResolvedAiOptions } from './ai.options.js';
import { AiCache } from './cache/ai-cache.js';
import { cacheKey, cacheTtl } from './cache/cache-policy.js';
import { AiExecutor } from './execution/ai-executor.js';
import { publishRequest } from './execution/request-events.js';
import type { PreparedRequest } from './execution/prepared-request.js';
import { prepareRequest } from './execution/prepare-request.js';
import type { ChatRequest, ChatResult, JsonSchema, SchemaClass } from './interfaces/chat.interface.js';
import type { ClassificationResult, SentimentOptions, SentimentResult, SummarizeOptions, TaskOptions } from './interfaces/task.interface.js';
import { truncateWords } from './providers/local/extractive-summarizer.js';
import { classifyTask, extractTask, sentimentTask, summarizeTask, type TaskRequest } from './tasks/task-requests.js';
import { assertLabels, assertText } from './tasks/task-arguments.js';

/**
 * AI calls with retries, fallbacks, shared rate limits, cache and single-flight, usage and cost.
 * `chat` for anything; `sentiment`, `classify`, `extract`, `summarize` for the common tasks
 * (which the offline `local` provider also answers).
 * @publicApi
 */
@Injectable()
export class AiService {
  constructor(
    @Inject(AI_OPTIONS) private readonly options: ResolvedAiOptions,
    private readonly executor: AiExecutor,
    private readonly cache: AiCache,
  ) {}

  /** One chat completion; with `schema`, `json` holds the parsed, validated answer. */
  async chat<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    return this.run<T>(prepareRequest(request, this.options), request.cache);
  }

  /** Sentiment of `text`: label, score in -1..1 and the text's language. */
  async sentiment(text: string, options: SentimentOptions = {}): Promise<SentimentResult> {
    assertText(text);
    const { json } = await this.task<SentimentResult>(sentimentTask(text, options.language), options);
    return { label: json.label, score: json.score, language: json.language };
  }

  /** The one label of `labels` that fits `text` best, with a confidence in 0..1. */
  async classify(text: string, labels: readonly string[], options: TaskOptions = {}): Promise<ClassificationResult> {
    assertText(text);
    assertLabels(labels);
    const { json } = await this.task<ClassificationResult>(classifyTask(text, labels), options);
    return { label: json.label, confidence: json.confidence };
  }

  /** The fields of `schema` found in `text`, validated (an instance of the class for a class schema). */
  async extract<T>(text: string, schema: SchemaClass<T> | JsonSchema, options: TaskOptions = {}): Promise<T> {
    assertText(text);
    const { json } = await this.task<T>(extractTask(text), options, schema);
    return json;
  }

  /** A summary of `text` in at most `maxWords` words, in the text's language. */
  async summarize(text: string, options: SummarizeOptions = {}): Promise<string> {
    assertText(text);
    const maxWords = options.maxWords ?? this.options.summaryMaxWords;
    const { text: summary } = await this.task<string>(summarizeTask(text, maxWords), options);
    return truncateWords(summary.trim(), maxWords);
  }

  /** Runs a task helper's request; it is cached when the module's cache is on, like chat(). */
  private async task<T>(task: Omit<TaskRequest, 'schema'> & { schema?: JsonSchema }, options: TaskOptions, schema: SchemaClass<T> | JsonSchema | undefined = task.schema): Promise<ChatResult<T> & { json: T }> {
    const request: ChatRequest<T> = {
      messages: task.messages,
      maxTokens: task.maxTokens,
      ...(schema !== undefined && { schema }),
      ...(task.schemaName !== undefined && { schemaName: task.schemaName }),
      ...(options.provider !== undefined && { provider: options.provider }),
      ...(options.model !== undefined && { model: options.model }),
    };
    const result = await this.run<T>({ ...prepareRequest(request, this.options), task: task.task }, undefined);
    return result as ChatResult<T> & { json: T };
  }

  private async run<T>(request: PreparedRequest, cacheSetting: ChatRequest['cache']): Promise<ChatResult<T>> {
    const started = Date.now();
    // One deadline for the whole call: a wait for another process's identical call spends it too.
    const deadlineAt = started + request.deadlineMs;
    try {
      const ttlSeconds = cacheTtl(cacheSetting, this.options);
      const result = ttlSeconds === undefined ? await this.executor.execute<T>(request, deadlineAt) : await this.cached<T>(request, ttlSeconds, started, deadlineAt);
      publishRequest(this.executor.registry, request, result, started);
      return result;
    } catch (error) {
      publishRequest(this.executor.registry, request, undefined, started, error);
      throw error;
    }
  }

  private async cached<T>(request: PreparedRequest, ttlSeconds: number, started: number, deadlineAt: number): Promise<ChatResult<T>> {
    const key = cacheKey(request, this.options, this.executor.registry.defaultProvider);
    let fresh: ChatResult<T> | undefined;
    const { value } = await this.cache.getOrCompute(
      key,
      // A waiter that reaches the deadline computes with no time left: it fails fast instead of calling upstream.
      { ttlSeconds, lockTtlMs: this.options.cache.lockTtlMs ?? request.deadlineMs + this.options.cache.lockMarginMs, waitMs: Math.max(0, deadlineAt - Date.now()) },
      async () => {
        fresh = await this.executor.execute<T>(request, deadlineAt);
        return JSON.stringify(fresh);
      },
    );
    if (fresh) return fresh;
    const stored = JSON.parse(value) as ChatResult<T>;
    if (request.output && stored.json !== undefined) {
      // Rebuild the class instance (and re-check the schema, which may have changed since).
      const { value: json, errors } = await request.output.validate(stored.json);
      if (errors.length > 0) {
        await this.cache.delete(key);
        return this.executor.execute<T>(request, deadlineAt);
      }
      stored.json = json as T;
    }
    return { ...stored, cached: true, costUsd: 0, attempts: 0, latencyMs: Date.now() - started };
  }
}
