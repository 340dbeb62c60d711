import { Injectable } from '@nestjs/common';
import { AiService, AiUnavailableError, SENTIMENT_SCHEMA, type ChatMessage, type JsonSchema } from '@aiwire/ai';
import type { SentimentLabel } from '../db/schema.js';
import { isCategory, TICKET_CATEGORIES, type TicketCategory } from './customer-history.js';

/** What the AI read in a ticket. JSON, so a step can store it. */
export interface TicketAnalysis {
  readonly category: TicketCategory;
  readonly confidence: number;
  readonly sentiment: { readonly label: SentimentLabel; readonly score: number };
  /** ISO 639-1, `und` when no provider could tell. */
  readonly language: string;
  /** `provider:model` of the classification. */
  readonly model: string;
}

const CATEGORY_SCHEMA: JsonSchema = Object.freeze({
  type: 'object',
  properties: { label: { type: 'string', enum: [...TICKET_CATEGORIES] }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
  required: ['label', 'confidence'],
  additionalProperties: false,
});

const NEUTRAL = { label: 'neutral', score: 0, language: 'und' } as const;

/**
 * Category and sentiment of a ticket, with the customer's history in the prompt. The history goes
 * in the system message; the user message is a prompt form the offline `local` provider also
 * answers (`Classify into …:`, `Sentiment: …`), so one call serves an LLM and `local` alike.
 * `local` reads only the user message: offline, the history counts through the triage rules
 * (`ticket-triage.ts`), not through the model.
 */
@Injectable()
export class TicketAnalyst {
  constructor(private readonly ai: AiService) {}

  async analyse(ticketText: string, history: string): Promise<TicketAnalysis> {
    const context = (task: string): ChatMessage => ({
      role: 'system',
      content:
        `You triage the support tickets of an online shop. ${task} Read the ticket in the light of the customer's history: ` +
        `a repeat of an earlier problem, or a long-standing customer let down, weighs more. The customer's history: ${history}`,
    });
    const [category, sentiment] = await Promise.all([
      this.ai.chat<{ label: string; confidence: number }>({
        messages: [context('Pick the ticket\'s category: billing (payments, invoices, refunds of money), shipping (delivery, parcels, tracking), product (defects, quality, use), other.'), { role: 'user', content: `Classify into ${TICKET_CATEGORIES.join(', ')}: ${ticketText}` }],
        schema: CATEGORY_SCHEMA, schemaName: 'ticket_category', temperature: 0, maxTokens: 60,
      }),
      this.sentiment(context('Rate how the customer feels: label, a score from -1 (furious) to 1 (delighted), and the ISO 639-1 code of the ticket\'s language.'), ticketText),
    ]);
    const label = category.json?.label;
    return {
      category: isCategory(label) ? label : 'other',
      confidence: category.json?.confidence ?? 0,
      sentiment: { label: sentiment.label, score: sentiment.score },
      language: sentiment.language,
      model: `${category.provider}:${category.model}`,
    };
  }

  /**
   * Neutral when no provider reads the ticket's language (`local` covers six); an outage or a
   * refusal still throws, so the step retries and the run fails visibly.
   */
  private async sentiment(system: ChatMessage, text: string): Promise<{ label: SentimentLabel; score: number; language: string }> {
    try {
      const { json } = await this.ai.chat<{ label: SentimentLabel; score: number; language: string }>({
        messages: [system, { role: 'user', content: `Sentiment: ${text}` }], schema: SENTIMENT_SCHEMA, schemaName: 'sentiment', temperature: 0, maxTokens: 60,
      });
      return json ?? NEUTRAL;
    } catch (error) {
      if (error instanceof AiUnavailableError && error.failures.every((f) => f.reason === 'capability' || f.reason === 'not_configured')) return NEUTRAL;
      throw error;
    }
  }
}
