import { CliRefusedError } from '../errors.js';
import { adminClientMessages as messages } from './admin.messages.js';
import type { AdminTarget } from './admin-target.js';

/** Longest wait for one answer of the admin (a replay of every dead letter may take a while). */
const TIMEOUT_MS = 30_000;

type Query = Readonly<Record<string, string | number | undefined>>;

/** What a request expects besides a 2xx: the message for a 404 of this path (an unknown id). */
interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly notFound?: string;
}

/**
 * A small client of the aiwire admin API (dead letters, flow runs). Every failure is a one-line
 * `CliRefusedError` naming what to do; the credentials never appear in one.
 */
export class AdminClient {
  constructor(private readonly target: AdminTarget) {}

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, options);
  }

  private async request<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const url = new URL(`${this.target.base}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.target.authorization) headers.authorization = this.target.authorization;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new CliRefusedError(messages.unreachable(this.target.base, reason(error)));
    }
    const text = await response.text();
    const body = parse(text);
    if (response.ok) {
      if (body === NOT_JSON) throw new CliRefusedError(messages.notJson(`${this.target.base}${path}`, response.status));
      return body as T;
    }
    throw new CliRefusedError(this.refusal(response.status, body, path, options.notFound));
  }

  private refusal(status: number, body: unknown, path: string, notFound: string | undefined): string {
    const said = serverMessage(body);
    if (status === 401) return messages.unauthorized();
    if (status === 403) return messages.forbidden(said ?? 'Forbidden');
    // The admin's own 404 is an unknown id; the framework's ("Cannot GET /x") means no admin at that path.
    if (status === 404) return notFound && said && !said.startsWith('Cannot ') ? notFound : messages.notMounted(`${this.target.base}${path}`);
    if (status === 501) return messages.notImplemented(said ?? 'Not Implemented');
    return messages.refused(status, said ?? 'no message');
  }
}

const NOT_JSON = Symbol('not JSON');

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function serverMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return undefined;
}

/** `ECONNREFUSED`, `ENOTFOUND`, `no answer within 10 s`: what fetch's error says, without the URL. */
function reason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
