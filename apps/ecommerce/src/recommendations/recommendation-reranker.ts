import { Inject, Injectable } from '@nestjs/common';
import { AiService, type JsonSchema } from '@aiwire/ai';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import type { PurchasedLine, Recommendation } from './rank-recommendations.js';

/** A product as the LLM sees it. */
export interface RerankProduct {
  readonly id: number;
  readonly title: string;
  readonly category?: string;
  readonly price?: number;
}

export interface RerankRequest {
  readonly viewed: RerankProduct;
  /** The customer's purchases, any order. */
  readonly history: readonly (PurchasedLine & { readonly title: string; readonly category?: string })[];
  /** The rule ranking's candidates, best first. */
  readonly candidates: readonly (Recommendation & RerankProduct)[];
}

/** What the re-rank step stores: the candidates' ids in the LLM's order and its one-line explanation. */
export interface Rerank {
  readonly order: number[];
  readonly explanation: string | null;
  /** `provider:model` that answered. */
  readonly model: string;
}

/** How many of the rule ranking's best the LLM re-orders. */
export const RERANK_CANDIDATES = 8;
const MAX_EXPLANATION_CHARS = 240;

const RERANK_SCHEMA: JsonSchema = Object.freeze({
  type: 'object',
  properties: {
    order: { type: 'array', items: { type: 'integer' }, description: 'The candidate product ids, best first; only ids from the list.' },
    explanation: { type: 'string', description: 'One sentence, at most 25 words, telling the shopper why these products fit them.' },
  },
  required: ['order', 'explanation'],
  additionalProperties: false,
});

const SYSTEM = [
  'You re-rank product recommendations for one shopper of an online shop.',
  'Weigh what they bought (recent purchases more), the prices they pay, and the product they are looking at.',
  'Answer only with the requested JSON: `order`, the candidate ids best first, and `explanation`, one sentence for the shopper.',
].join(' ');

/**
 * The LLM's second opinion on the rule ranking, with a one-line explanation for the shopper. Only
 * with an LLM provider configured: the offline `local` provider answers no free-form prompt.
 */
@Injectable()
export class RecommendationReranker {
  constructor(
    private readonly ai: AiService,
    @Inject(SHOP_CONFIG) private readonly config: ShopConfig,
  ) {}

  /** True when `OPENAI_API_KEY`, `OPENAI_BASE_URL` or `ANTHROPIC_API_KEY` is set. */
  get enabled(): boolean {
    const { openaiApiKey, openaiBaseUrl, anthropicApiKey } = this.config.ai;
    return Boolean(openaiApiKey || openaiBaseUrl || anthropicApiKey);
  }

  async rerank(request: RerankRequest): Promise<Rerank> {
    const result = await this.ai.chat({
      messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: prompt(request) }],
      schema: RERANK_SCHEMA,
      schemaName: 'recommendations',
      temperature: 0.2,
      maxTokens: 300,
    });
    const answer = (result.json ?? {}) as { order?: unknown; explanation?: unknown };
    return {
      order: mergeOrder(Array.isArray(answer.order) ? answer.order : [], request.candidates.map((c) => c.id)),
      explanation: typeof answer.explanation === 'string' && answer.explanation.trim() !== '' ? answer.explanation.trim().slice(0, MAX_EXPLANATION_CHARS) : null,
      model: `${result.provider}:${result.model}`,
    };
  }
}

/**
 * The LLM's order, kept to the candidates (an id it made up or repeated is dropped), followed by the
 * candidates it left out, in the rule ranking's order.
 */
export function mergeOrder(proposed: readonly unknown[], candidates: readonly number[]): number[] {
  const known = new Set(candidates);
  const order: number[] = [];
  for (const id of proposed) if (typeof id === 'number' && known.has(id) && !order.includes(id)) order.push(id);
  return [...order, ...candidates.filter((id) => !order.includes(id))];
}

function prompt({ viewed, history, candidates }: RerankRequest): string {
  const describe = (p: RerankProduct) => `${p.title} (${p.category ?? 'uncategorised'}${p.price === undefined ? '' : `, ${p.price.toFixed(2)}`})`;
  const bought = [...history].sort((a, b) => b.at - a.at).slice(0, 20)
    .map((l) => `- ${new Date(l.at).toISOString().slice(0, 10)}: ${l.title} (${l.category ?? 'uncategorised'}, ${l.price.toFixed(2)})`);
  return [
    `Looking at: ${describe(viewed)}`,
    `Purchase history, newest first:`,
    ...(bought.length > 0 ? bought : ['- none yet']),
    `Candidates (rule ranking, best first):`,
    ...candidates.map((c) => `- id ${c.id}: ${describe(c)}; score ${c.score}; ${c.reasons.join('; ')}`),
  ].join('\n');
}
