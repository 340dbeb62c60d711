import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { FaultSpec } from '../interfaces/fault.interface.js';
import type { RecordedRequest, RequestLog } from '../state/request-log.js';
import { RequestContext } from './request-context.js';
import { compileRoute, matchRoute, type CompiledRoute, type Reply, type SandboxService } from './route.js';

/** Larger bodies are refused; no provider API takes more for these calls. */
const MAX_BODY_BYTES = 1024 * 1024;

interface Mounted {
  readonly service: SandboxService;
  readonly routes: readonly CompiledRoute[];
}

/** One `node:http` server in front of every stand-in; each owns the real paths of its provider. */
export class SandboxServer {
  readonly server: Server;
  private readonly mounted: Mounted[];

  constructor(
    services: readonly SandboxService[],
    private readonly faults: FaultInjector,
    private readonly log: RequestLog,
    private readonly closing: AbortSignal,
  ) {
    this.mounted = services.map((service) => ({ service, routes: service.routes.map(compileRoute) }));
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'sandbox_internal_error' }));
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const body = await readBody(req);
    if (body === undefined) return send(res, { status: 413, body: { error: 'request_too_large' } });
    const mounted = owner(this.mounted, url.pathname);
    if (!mounted) return send(res, { status: 404, body: { error: 'no sandbox service serves this path', path: url.pathname } });

    const { service } = mounted;
    const ctx = new RequestContext(req, url, body);
    const route = findRoute(mounted.routes, ctx);
    const entry = this.log.record(service.name, ctx.method, route?.key ?? `${ctx.method} (unmatched)`, url.pathname + url.search, req.headers);

    const fault = this.faults.take(service.name, ctx.method, url.pathname);
    if (this.closing.aborted) return void res.destroy();
    const early = fault && !fault.afterHandler ? fault : undefined;
    if (early && (await this.interrupt(early, res, entry))) return;
    let reply: Reply;
    if (early?.status !== undefined) reply = faulted(service, ctx, early, early.status, entry);
    else reply = service.before?.(ctx, route) ?? (route ? await route.handler(ctx) : service.notFound(ctx));
    if (fault?.afterHandler) {
      // The service has done the work; its answer is lost or replaced on the way back.
      if (await this.interrupt(fault, res, entry)) return;
      if (fault.status !== undefined) reply = faulted(service, ctx, fault, fault.status, entry);
    }
    service.decorate?.(ctx, reply);
    entry.status = reply.status;
    send(res, reply);
  }

  /** Delays, hangs or drops the request as the fault says; true when nothing is to be sent. */
  private async interrupt(fault: FaultSpec, res: ServerResponse, entry: RecordedRequest): Promise<boolean> {
    if (fault.delayMs) await sleep(fault.delayMs, undefined, { signal: this.closing }).catch(() => undefined);
    if (this.closing.aborted) {
      res.destroy();
      return true;
    }
    if (fault.hang || fault.reset) {
      entry.faulted = true;
      // A hung socket stays open until the client gives up or the sandbox closes.
      if (fault.reset) res.destroy();
      return true;
    }
    return false;
  }
}

/** The service with the longest matching prefix (OpenAI's `/v1/chat/` wins over Stripe's `/v1/`). */
function owner(mounted: readonly Mounted[], pathname: string): Mounted | undefined {
  let best: Mounted | undefined;
  let length = -1;
  for (const m of mounted) {
    for (const prefix of m.service.prefixes) {
      if (pathname.startsWith(prefix) && prefix.length > length) {
        best = m;
        length = prefix.length;
      }
    }
  }
  return best;
}

function findRoute(routes: readonly CompiledRoute[], ctx: RequestContext): CompiledRoute | undefined {
  for (const route of routes) {
    if (route.method !== ctx.method) continue;
    const params = matchRoute(route, ctx.url.pathname);
    if (params) {
      ctx.params = params;
      return route;
    }
  }
  return undefined;
}

function faulted(service: SandboxService, ctx: RequestContext, fault: FaultSpec, status: number, entry: RecordedRequest): Reply {
  entry.faulted = true;
  const own = service.failure(status, ctx);
  return {
    status,
    body: fault.body === undefined ? own.body : fault.body,
    headers: { ...own.headers, ...fault.headers },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (typeof reply.body === 'string') payload = reply.body;
  else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}
