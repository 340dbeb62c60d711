import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base-62 text, the alphabet of Stripe-style ids (`cus_…`, `req_…`). */
export function base62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export function prefixedId(prefix: string, length = 24): string {
  return `${prefix}${base62(length)}`;
}

export const uuid = (): string => randomUUID();

/** Increasing numeric ids, like Shopify's and HubSpot's. */
export class NumericIds {
  constructor(private next: number) {}

  take(): number {
    return this.next++;
  }

  /** Keeps new ids above those already in use (seeded or added by a test). */
  bump(past: number): void {
    if (past >= this.next) this.next = past + 1;
  }
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
export const isoNow = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
