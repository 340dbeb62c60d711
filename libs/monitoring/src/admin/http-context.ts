import type { ExecutionContext, Type } from '@nestjs/common';

/** The class a host guard sees as `context.getClass()` on the queue UI's routes, which no controller serves. */
export class BullBoardRoutes {
  /** The handler a host guard sees as `context.getHandler()`. */
  static serve(): void {}
}

/**
 * An HTTP `ExecutionContext` for routes mounted on the server itself (the queue UI), so the host's
 * guard runs there exactly as on the admin's controller: `switchToHttp()` gives the framework's
 * own request and response (Express `req`/`res`, Fastify `request`/`reply`).
 */
export function httpContext(request: unknown, response: unknown): ExecutionContext {
  const args = [request, response, undefined];
  const unsupported = (kind: string) => () => {
    throw new Error(`The queue UI's routes are HTTP routes; a guard cannot read them as ${kind}`);
  };
  return {
    getType: <T extends string = 'http'>() => 'http' as T,
    getClass: <T = unknown>() => BullBoardRoutes as unknown as Type<T>,
    getHandler: () => BullBoardRoutes.serve,
    getArgs: <T extends unknown[] = unknown[]>() => args as T,
    getArgByIndex: <T = unknown>(index: number) => args[index] as T,
    switchToHttp: () => ({
      getRequest: <T = unknown>() => request as T,
      getResponse: <T = unknown>() => response as T,
      getNext: <T = unknown>() => undefined as T,
    }),
    switchToRpc: unsupported('RPC'),
    switchToWs: unsupported('WebSocket'),
  } as ExecutionContext;
}
