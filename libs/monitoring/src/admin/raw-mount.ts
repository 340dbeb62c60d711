import type { BullBoardServerAdapter } from './bull-board.loader.js';

/** An answer sent by the mount itself. */
export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The queue UI, or why it cannot be served (answered 501). */
export type ServedBy = { readonly board: BullBoardServerAdapter } | { readonly unavailable: string };

/** Runs before every request under the path: a `Reply` refuses it. */
export type MountGuard = (request: unknown, response: unknown) => Promise<Reply | undefined>;

type Next = (error?: unknown) => void;
type ExpressHandler = (req: unknown, res: ExpressResponse, next: Next) => void;
interface ExpressResponse {
  status(code: number): this;
  set(headers: Record<string, string>): this;
  json(body: unknown): void;
}
interface ExpressApp {
  use(path: string, ...handlers: unknown[]): unknown;
}
interface FastifyReply {
  code(status: number): this;
  headers(values: Record<string, string>): this;
  send(body: unknown): this;
}
interface FastifyScope {
  register(plugin: unknown, options?: Record<string, unknown>): unknown;
  addHook(name: 'onRequest', hook: (request: unknown, reply: FastifyReply) => Promise<unknown>): unknown;
  all(path: string, handler: (request: unknown, reply: FastifyReply) => unknown): unknown;
}

function notImplemented(reason: string): Reply {
  return { status: 501, body: { statusCode: 501, message: reason, error: 'Not Implemented' } };
}

/** `app.use(path, guard, router)`: Nest's routes are registered already, its 404 handler comes after. */
export function mountOnExpress(app: ExpressApp, path: string, guard: MountGuard, served: ServedBy): void {
  const send = (res: ExpressResponse, reply: Reply) => res.status(reply.status).set({ ...reply.headers }).json(reply.body);
  const check: ExpressHandler = (req, res, next) => {
    guard(req, res).then((reply) => (reply ? send(res, reply) : next()), next);
  };
  const serve: ExpressHandler = 'board' in served ? (served.board.getRouter?.() as ExpressHandler) : (_req, res) => send(res, notImplemented(served.unavailable));
  app.use(path, check, serve);
}

/** An encapsulated plugin at `path`: its onRequest hook guards the UI's pages, assets and API alike. */
export function mountOnFastify(fastify: FastifyScope, path: string, guard: MountGuard, served: ServedBy): void {
  fastify.register(
    async (scope: FastifyScope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const refused = await guard(request, reply);
        if (refused) return reply.code(refused.status).headers({ ...refused.headers }).send(refused.body);
        return undefined;
      });
      if ('board' in served) {
        await scope.register(served.board.registerPlugin?.());
      } else {
        const reply = notImplemented(served.unavailable);
        for (const route of ['/', '/*']) scope.all(route, (_request, res) => res.code(reply.status).send(reply.body));
      }
    },
    { prefix: path },
  );
}
