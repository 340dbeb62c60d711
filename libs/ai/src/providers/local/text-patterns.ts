/**
 * Things `local` can find in text without a model. Each returns every match, in order.
 *
 * Every pattern runs in linear time on any input: a match may only start where a run of its
 * characters starts (the lookbehinds), and no two adjacent parts can match the same characters,
 * so a failed attempt never rescans the run it failed in. Without that, a 40,000-character run of
 * letters or digits took seconds (each of its positions rescanned the rest).
 */
export const PATTERNS = {
  email: /(?<![\p{L}0-9._%+-])[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.\p{L}{2,}/gu,
  url: /\bhttps?:\/\/[^\s<>"')\]]+/gi,
  phone: /(?<![\d+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){2,4}\b/g,
  isoDate: /\b\d{4}-\d{2}-\d{2}\b/g,
  slashDate: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g,
  money: /(?:([$€£¥])\s?(\d+(?:[.,]\d{1,2})?)|(?<!\d)(\d+(?:[.,]\d{1,2})?)\s?(€|\$|£|USD|EUR|GBP|PLN|DKK|RON|zł|kr|lei)(?!\p{L}))/giu,
  // The id is any run of id characters (filtered for a digit in code), so nothing after it can fail and backtrack.
  orderId: /(?:#|\border\s{0,3}(?:no\.?|number|nr\.?|#)?\s{0,3})([A-Z0-9-]+)/gi,
  integer: /(?<![\d.,])\d+(?![\d.,]\d)/g,
} as const;

export function allMatches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(new RegExp(pattern.source, pattern.flags))].map((m) => m[0].trim());
}

/** Dates written `2026-03-04` or `04/03/2026` (day first, as in most of Europe) as ISO dates. */
export function dates(text: string): string[] {
  const iso = allMatches(text, PATTERNS.isoDate);
  const slashed = [...text.matchAll(new RegExp(PATTERNS.slashDate.source, 'g'))].map(
    (m) => `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`,
  );
  return [...iso, ...slashed];
}

/** Amounts with a currency, as numbers (a decimal comma is read as a point). */
export function amounts(text: string): number[] {
  return [...text.matchAll(new RegExp(PATTERNS.money.source, PATTERNS.money.flags))].map((m) => Number((m[2] ?? m[3] ?? '').replace(',', '.'))).filter(Number.isFinite);
}

/** Order ids after `#` or "order (no./number/nr)"; an id has at least one digit. */
export function orderIds(text: string): string[] {
  return [...text.matchAll(new RegExp(PATTERNS.orderId.source, PATTERNS.orderId.flags))].map((m) => m[1] ?? '').filter((id) => /\d/.test(id));
}
