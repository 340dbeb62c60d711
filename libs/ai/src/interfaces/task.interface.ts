/** The last argument of every task helper: which provider and model to ask first. */
export interface TaskOptions {
  /** Provider asked first; the fallback chain follows. @default the module's defaultProvider */
  provider?: string;
  /** Model for that provider. @default the provider's `model` */
  model?: string;
}

export interface SentimentOptions extends TaskOptions {
  /** ISO 639-1 language of the text when known (skips detection for `local`). @default detected */
  language?: string;
}

export interface SummarizeOptions extends TaskOptions {
  /** Longest summary, in words. @default 60 */
  maxWords?: number;
}

export interface SentimentResult {
  label: 'positive' | 'neutral' | 'negative';
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  /** ISO 639-1 code of the text's language (`und` when unknown). */
  language: string;
}

export interface ClassificationResult {
  /** One of the labels given. */
  label: string;
  /** 0..1. */
  confidence: number;
}
