import type { IncomingMessage } from 'node:http';

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

/** One request as the stand-ins see it: the exact bytes, the URL and the matched path parameters. */
export class RequestContext {
  /** Per-request scratch space shared by a service's `before`, handler and `decorate`. */
  readonly locals = new Map<string, unknown>();
  params: Record<string, string> = {};

  constructor(
    readonly req: IncomingMessage,
    readonly url: URL,
    readonly rawBody: Buffer,
  ) {}

  get method(): string {
    return (this.req.method ?? 'GET').toUpperCase();
  }

  get query(): URLSearchParams {
    return this.url.searchParams;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** `Authorization: Bearer <token>` (scheme matched case-insensitively), else `undefined`. */
  bearer(): string | undefined {
    const match = /^bearer\s+(.+)$/i.exec(this.header('authorization') ?? '');
    return match?.[1]?.trim();
  }

  /** The media type without parameters, lower case (`application/json`). */
  mediaType(): string {
    return (this.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  }

  text(): string {
    return this.rawBody.toString('utf8');
  }

  json(): JsonResult {
    try {
      return { ok: true, value: JSON.parse(this.text()) as unknown };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  form(): URLSearchParams {
    return new URLSearchParams(this.text());
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
