import { adminMessages } from './admin.messages.js';
import { isModuleNotFound } from './module-not-found.js';

/** bull-board's server adapter, as much of it as the mount uses (Express router or Fastify plugin). */
export interface BullBoardServerAdapter {
  setBasePath(path: string): unknown;
  getRouter?(): (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
  registerPlugin?(): (fastify: unknown, options: unknown, done: (error?: Error) => void) => void;
}

/** What the queue UI needs of @bull-board/api and its server adapter, loaded at run time. */
export interface BullBoardKit {
  createBullBoard(args: { queues: unknown[]; serverAdapter: BullBoardServerAdapter; options?: { uiConfig?: Record<string, unknown> } }): unknown;
  BullAdapter: new (queue: unknown, options?: Record<string, unknown>) => unknown;
  ServerAdapter: new () => BullBoardServerAdapter;
}

export type BullBoardLoad = { readonly kit: BullBoardKit } | { readonly unavailable: string };

/**
 * @bull-board/api and @bull-board/{platform}, optional peers: a missing package (or another
 * platform) gives the reason the queue UI answers 501 instead of failing the app.
 */
export async function loadBullBoard(platform: string): Promise<BullBoardLoad> {
  if (platform !== 'express' && platform !== 'fastify') return { unavailable: adminMessages.bullBoardUnsupported(platform) };
  try {
    const [api, adapters, server] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullAdapter'),
      platform === 'express' ? import('@bull-board/express').then((m) => m.ExpressAdapter) : import('@bull-board/fastify').then((m) => m.FastifyAdapter),
    ]);
    return {
      kit: {
        createBullBoard: api.createBullBoard as unknown as BullBoardKit['createBullBoard'],
        BullAdapter: adapters.BullAdapter as unknown as BullBoardKit['BullAdapter'],
        ServerAdapter: server as unknown as BullBoardKit['ServerAdapter'],
      },
    };
  } catch (error) {
    if (isModuleNotFound(error)) return { unavailable: adminMessages.bullBoardMissing(platform) };
    return { unavailable: adminMessages.bullBoardBroken(error instanceof Error ? error.message : String(error)) };
  }
}
