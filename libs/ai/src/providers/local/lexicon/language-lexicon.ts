/**
 * What the local models know about a support topic ("concept"): caller labels are mapped to these
 * (`billing`, `Refunds`, `facturation` all mean `billing`), and each language lists words for them.
 */
export const CONCEPTS = [
  'billing', 'payment', 'refund', 'shipping', 'product', 'account', 'technical', 'complaint', 'praise', 'question',
  'cancellation', 'returns', 'spam', 'sales', 'urgent', 'gift', 'instructions', 'audio', 'footwear', 'kitchen', 'lighting',
] as const;
export type Concept = (typeof CONCEPTS)[number];

/** Concepts whose words say what a text is about, not how the writer feels: they carry no sentiment. */
export const TOPIC_CONCEPTS: ReadonlySet<Concept> = new Set<Concept>([
  'billing', 'payment', 'refund', 'shipping', 'product', 'account', 'technical', 'question', 'cancellation', 'returns',
  'sales', 'gift', 'instructions', 'audio', 'footwear', 'kitchen', 'lighting',
]);

/** Kinds of product: a word for headphones or a kettle also points to `product`. */
export const PARENT_CONCEPTS: Readonly<Partial<Record<Concept, Concept>>> = { audio: 'product', footwear: 'product', kitchen: 'product', lighting: 'product' };

/**
 * One language's words. An entry is a word (`"colis"`), a stem that matches every word it begins
 * (`"rembours*"`) or, in `sentiment` only, a two-word phrase (`"dzień dobry"`). Case and diacritics
 * do not matter: entries and text are folded alike.
 */
export interface LanguageLexicon {
  /** Concept → words that point to it. */
  readonly topics: Readonly<Partial<Record<Concept, readonly string[]>>>;
  /**
   * Valence on the AFINN scale (-5..5), over the package lexicon: e-commerce words the packages
   * miss or misjudge, politeness formulas (weak), greetings (0).
   */
  readonly sentiment: Readonly<Record<string, number>>;
  /** Intensifiers that strengthen the next feeling word ("really annoying", "très déçu", "bardzo dobry"). */
  readonly boosters: readonly string[];
}
