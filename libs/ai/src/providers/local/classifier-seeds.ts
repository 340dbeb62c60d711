import { conceptsNamedBy } from './domain-lexicon.js';
import type { Concept } from './lexicon/language-lexicon.js';
import { fold } from './text-tokens.js';

/**
 * Labels that mean "none of the others" (in our six languages): chosen, with low confidence, when
 * no word of the text points to another label. Their names are never used as keywords.
 */
export const CATCH_ALL_LABELS: ReadonlySet<string> = new Set([
  'other', 'others', 'misc', 'miscellaneous', 'general', 'unknown', 'none',
  'autre', 'autres', 'divers', 'altro', 'altri', 'altre', 'varie', 'inne', 'inny', 'inna', 'pozostale', 'andet', 'andre', 'diverse', 'altele', 'altceva',
]);

/** Label words that name a concept without being one of its words. */
const ALIASES: Readonly<Record<string, readonly Concept[]>> = {
  positive: ['praise'], negative: ['complaint'], inquiry: ['question'], enquiry: ['question'], faq: ['question'],
  tech: ['technical'], logistics: ['shipping'], return: ['returns'], priority: ['urgent'], note: ['instructions'],
};

export function isCatchAll(label: string): boolean {
  return CATCH_ALL_LABELS.has(fold(label.trim()));
}

/**
 * What a caller's label is about: `billing`, `Invoices`, `facturation` and `billing_issue` all
 * name `billing`; `delivery` names `shipping`, `headphones` names `audio`. Empty for a label none
 * of whose words the built-in lexicons know (its own words still count as keywords).
 */
export function labelConcepts(label: string): Concept[] {
  const found = new Set<Concept>();
  for (const word of labelWords(label)) {
    for (const concept of ALIASES[fold(word)] ?? conceptsNamedBy(word)) found.add(concept);
  }
  return [...found];
}

/** The words of a label: "shipping-delay", "Billing issue", "refund_request". */
export function labelWords(label: string): string[] {
  return label.split(/[^\p{L}]+/u).filter((w) => w.length >= 2);
}
