import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import { SchemeMessages, schemeOptionMessages } from './scheme.messages.js';

/** The content type every sender but Stripe writes. */
export const JSON_CONTENT_TYPE = { 'content-type': 'application/json' } as const;

const SHA256_BYTES = 32;
const HEX_LENGTH = SHA256_BYTES * 2;
const ZERO = 48;
const NINE = 57;
// 12 digits reach the year 33658; anything longer is not a timestamp a sender would send.
const MAX_TIMESTAMP_DIGITS = 12;

/** The source's `toleranceSeconds`, else the scheme's own default; refused at startup unless a number >= 0. */
export function toleranceOf(scheme: string, options: SchemeOptions, defaultSeconds: number): number {
  const tolerance = options.toleranceSeconds ?? defaultSeconds;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new WebhookConfigurationError(schemeOptionMessages.badTolerance(scheme, tolerance));
  }
  return tolerance;
}

/** A header's value when it was sent once and is not empty; a repeated header is not trusted. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** HMAC-SHA256 of `prefix` then the raw bytes, fed separately so the body is never copied into a string. */
export function hmacSha256(key: string | Buffer, prefix: string | undefined, rawBody: string | Buffer): Buffer {
  const hmac = createHmac('sha256', key);
  if (prefix !== undefined) hmac.update(prefix);
  return hmac.update(rawBody).digest();
}

/** The digest written as 64 hex characters, or undefined when it is anything else. */
export function decodeHexDigest(text: string): Buffer | undefined {
  if (text.length !== HEX_LENGTH) return undefined;
  // Buffer stops at the first non-hex pair, so a short result means the text was not hex.
  const bytes = Buffer.from(text, 'hex');
  return bytes.length === SHA256_BYTES ? bytes : undefined;
}

/** The digest written in base64 (43 or 44 characters), or undefined when it is anything else. */
export function decodeBase64Digest(text: string): Buffer | undefined {
  if (text.length < 43 || text.length > 44) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === SHA256_BYTES ? bytes : undefined;
}

/** Unix seconds written as plain digits; undefined for signs, spaces, exponents, hex and the like. */
export function parseUnixSeconds(text: string): number | undefined {
  if (text.length === 0 || text.length > MAX_TIMESTAMP_DIGITS) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return undefined;
  }
  return Number(text);
}

/** Rejects a timestamp further than `toleranceSeconds` from the receiver's clock, in either direction. */
export function assertFresh(timestampSeconds: number, nowMs: number, toleranceSeconds: number): void {
  const age = Math.floor(nowMs / 1000) - timestampSeconds;
  if (age > toleranceSeconds) throw new WebhookVerificationError(SchemeMessages.tooOld);
  if (age < -toleranceSeconds) throw new WebhookVerificationError(SchemeMessages.tooNew);
}

/**
 * Passes when the digest of any secret equals any received signature. Each digest is computed once
 * per secret and compared in constant time; every received signature was decoded to 32 bytes.
 */
export function assertAnyMatch<K extends string | Buffer>(
  received: readonly Buffer[],
  keys: readonly K[],
  digest: (key: K) => Buffer,
): void {
  for (const key of keys) {
    const expected = digest(key);
    for (const signature of received) {
      if (signature.length === expected.length && timingSafeEqual(signature, expected)) return;
    }
  }
  throw new WebhookVerificationError(SchemeMessages.noMatch);
}

export function fail(message: string): never {
  throw new WebhookVerificationError(message);
}
