import { ProviderCapabilityError } from '../../errors/provider-capability.error.js';
import type { LocalProviderOptions } from '../../interfaces/provider-options.interface.js';
import type { LocalTask } from '../../tasks/local-task.js';
import type { AiProvider, ProviderCall, ProviderReply } from '../ai-provider.interface.js';
import { summarizeText } from './extractive-summarizer.js';
import { extractFields } from './field-extractor.js';
import { classifyText, type LabelHints } from './keyword-classifier.js';
import { detectLanguage, isLocal } from './language-detector.js';
import { LOCAL_LANGUAGES, type LocalLanguage } from './nlp-data.js';
import { recognizeTask } from './prompt-recognizer.js';
import { analyseSentiment } from './sentiment-analyzer.js';
import { messages } from '../../ai.messages.js';

export const LOCAL_MODEL = 'aiwire-local-1';

/**
 * The longest text `local` reads (about 8,000 words). Every model is linear (at 40,000 hostile
 * characters the slowest task takes ~150 ms of CPU, most under 50 ms), so the cap bounds how long
 * one call holds the event loop. A longer text is a ProviderCapabilityError: a fallback chain moves on.
 * @publicApi
 */
export const LOCAL_MAX_INPUT_CHARS = 50_000;

/**
 * The embedded provider: lexicon sentiment (en, fr, it, pl, da, ro), naive-Bayes keyword
 * classification, extractive summaries and pattern extraction, all offline. It answers the task
 * helpers and the few prompt forms it recognises, and says so plainly for anything else.
 */
export class LocalProvider implements AiProvider {
  readonly kind = 'local';
  readonly defaultModel = LOCAL_MODEL;
  /** Nothing to reserve: the embedded provider is never rate-limited nor billed. */
  readonly reservedOutputTokens = 0;
  private readonly labels: Readonly<Record<string, LabelHints>>;

  constructor(
    readonly name: string,
    options: LocalProviderOptions = { kind: 'local' },
  ) {
    this.labels = options.labels ?? {};
  }

  async complete(call: ProviderCall): Promise<ProviderReply> {
    call.signal.throwIfAborted();
    const task = call.task ?? recognizeTask(call.messages, call.output !== undefined);
    if (!task) {
      throw new ProviderCapabilityError(this.name, messages.localNotAnLlm());
    }
    if (task.text.length > LOCAL_MAX_INPUT_CHARS) {
      throw new ProviderCapabilityError(this.name, messages.localTextTooLong(task.text.length, LOCAL_MAX_INPUT_CHARS));
    }
    const answer = this.run(task, call);
    const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
    return { text, ...(typeof answer !== 'string' && { structured: answer }), model: LOCAL_MODEL, usage: { inputTokens: 0, outputTokens: 0 }, finishReason: 'stop' };
  }

  private run(task: LocalTask, call: ProviderCall): string | Record<string, unknown> {
    const detected = detectLanguage(task.text);
    const language: LocalLanguage | undefined = isLocal(detected) ? detected : undefined;
    switch (task.kind) {
      case 'sentiment': {
        const chosen = task.language !== undefined && isLocal(task.language) ? task.language : language;
        if (!chosen) {
          throw new ProviderCapabilityError(this.name, messages.localLanguageUnsupported(LOCAL_LANGUAGES, detected));
        }
        const { label, score } = analyseSentiment(task.text, chosen);
        return { label, score, language: chosen };
      }
      case 'classify': {
        const result = classifyText(task.text, task.labels, this.labels, language);
        if (!result) {
          throw new ProviderCapabilityError(this.name, messages.localNoLabelKeyword(task.labels));
        }
        return { label: result.label, confidence: result.confidence };
      }
      case 'summarize':
        return summarizeText(task.text, task.maxWords, language ?? 'en');
      case 'extract': {
        if (!call.output) throw new ProviderCapabilityError(this.name, messages.localExtractNeedsSchema());
        const { value, missing } = extractFields(task.text, call.output.schema);
        if (missing.length > 0) {
          throw new ProviderCapabilityError(this.name, messages.localFieldsMissing(missing));
        }
        return value;
      }
    }
  }
}
