import { CliUsageError } from '../errors.js';
import { sendMessages } from './send.messages.js';

const MAX_COUNT = 1000;
const MAX_TIMEOUT_MS = 600_000;
// An HTTP token (RFC 9110 §5.6.2): what fetch accepts as a header name.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `--to`: an absolute http(s) URL. */
export function checkUrl(url: string | undefined): string {
  if (url === undefined) throw new CliUsageError(sendMessages.missingTo());
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliUsageError(sendMessages.badUrl(url));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliUsageError(sendMessages.badUrl(url));
  return parsed.href;
}

/** `--repeat`: a whole number from 1 to 1000. */
export function parseCount(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) throw new CliUsageError(sendMessages.badCount(flag, value));
  return count;
}

/** `--timeout`: milliseconds to wait for each answer. */
export function parseTimeout(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) throw new CliUsageError(sendMessages.badTimeout(value));
  return ms;
}

/** `--header` / `--encoding` belong to hmac senders only. */
export function hmacOptions(provider: string, header: string | undefined, encoding: string | undefined): { header?: string; encoding?: 'hex' | 'base64' } {
  if (provider !== 'hmac') {
    if (header !== undefined) throw new CliUsageError(sendMessages.hmacOnly('--header'));
    if (encoding !== undefined) throw new CliUsageError(sendMessages.hmacOnly('--encoding'));
    return {};
  }
  if (header !== undefined && !HEADER_NAME.test(header)) throw new CliUsageError(sendMessages.badHeader(header));
  if (encoding !== undefined && encoding !== 'hex' && encoding !== 'base64') throw new CliUsageError(sendMessages.badEncoding(encoding));
  return { ...(header !== undefined && { header }), ...(encoding !== undefined && { encoding }) };
}
