/**
 * The last argument of every task helper: which provider and model to ask first.
 * @publicApi
 */
export interface TaskOptions {
  /** Provider asked first; the fallback chain follows. @default the module's defaultProvider */
  provider?: string;
  /** Model for that provider. @default the provider's `model` */
  model?: string;
}

/**
 * Options of `AiService.sentiment`.
 * @publicApi
 */
export interface SentimentOptions extends TaskOptions {
  /** ISO 639-1 language of the text when known (skips detection for `local`). @default detected */
  language?: string;
}

/**
 * Options of `AiService.summarize`.
 * @publicApi
 */
export interface SummarizeOptions extends TaskOptions {
  /** Longest summary, in words. @default 60 */
  maxWords?: number;
}

/**
 * What `AiService.sentiment` resolves to.
 * @publicApi
 */
export interface SentimentResult {
  label: 'positive' | 'neutral' | 'negative';
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  /** ISO 639-1 code of the text's language (`und` when unknown). */
  language: string;
}

/**
 * What `AiService.classify` resolves to.
 * @publicApi
 */
export interface ClassificationResult {
  /** One of the labels given. */
  label: string;
  /** 0..1. */
  confidence: number;
}
