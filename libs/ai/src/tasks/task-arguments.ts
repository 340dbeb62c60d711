import { AiConfigurationError } from '../errors/ai-configuration.error.js';
import { messages } from '../ai.messages.js';

export function assertText(text: unknown): asserts text is string {
  if (typeof text !== 'string' || text.trim() === '') throw new AiConfigurationError(messages.badArgument(messages.textRequired()));
}

export function assertLabels(labels: unknown): asserts labels is readonly string[] {
  if (!Array.isArray(labels) || labels.length < 2 || labels.some((l) => typeof l !== 'string' || l.trim() === '')) {
    throw new AiConfigurationError(messages.badArgument(messages.labelsTooFew()));
  }
  if (new Set(labels).size !== labels.length) throw new AiConfigurationError(messages.badArgument(messages.labelsNotDistinct()));
}
