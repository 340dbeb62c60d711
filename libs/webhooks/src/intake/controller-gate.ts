import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { WebhookIntakeService } from './webhook-intake.service.js';
import type { IntakeReply } from './intake-replies.js';
import { sourceSegment } from './intake-path.js';
import { writeReply } from './reply-writer.js';

type ExpressMiddleware = (req: IncomingMessage & { ip?: string }, res: ServerResponse, next: () => void) => void;

interface FastifyRequestLike {
  readonly method: string;
  readonly ip: string;
  readonly headers: IncomingHttpHeaders;
  readonly params: unknown;
  readonly raw: IncomingMessage;
  readonly routeOptions?: { readonly url?: string };
}

interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  send(body: unknown): unknown;
}

type FastifyOnRequest = (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void;

/**
 * `mount: 'controller'`: the checks that need no body — source, caller address, declared size —
 * run before the framework's body parser reads a byte. The controller repeats them (the gate is
 * only absent where it cannot be installed); what passes goes through the whole Nest pipeline.
 */
export class ControllerGate {
  constructor(
    private readonly intake: WebhookIntakeService,
    /** `/{globalPrefix}/{prefix}/`, known once the app is configured (it is read per request). */
    private readonly base: () => string,
  ) {}

  /**
   * Registers the gate on the adapter's framework ahead of its body parsers; false when there is
   * none to register on (an application context, or an adapter that is neither Express nor Fastify).
   * Must run before Nest registers its parsers, i.e. while the module's instances are created.
   */
  install(adapter: AbstractHttpAdapter | undefined): boolean {
    if (!adapter) return false;
    const type = adapter.getType();
    if (type === 'express') {
      adapter.getInstance<{ use(middleware: ExpressMiddleware): unknown }>().use(this.expressMiddleware());
      return true;
    }
    if (type === 'fastify') {
      adapter.getInstance<{ addHook(name: 'onRequest', hook: FastifyOnRequest): unknown }>().addHook('onRequest', this.fastifyHook());
      return true;
    }
    return false;
  }

  /**
   * The answer owed before the body is read, or undefined to let the framework go on. `routed`:
   * whether the framework has routed the request to the intake controller; Express routes after
   * its middleware, so there an unknown source passes on (it may be one of the app's routes).
   */
  check(source: string, ip: string | undefined, request: IncomingMessage, routed: boolean): IntakeReply | undefined {
    if (!routed && !this.intake.knows(source)) return undefined;
    return this.intake.refuseEarly(source, ip, request);
  }

  private expressMiddleware(): ExpressMiddleware {
    return (req, res, next) => {
      const source = req.method === 'POST' ? sourceSegment(req.url, this.base()) : undefined;
      const answer = source === undefined ? undefined : this.check(source, req.ip, req, false);
      if (!answer) return next();
      writeReply(res, answer);
    };
  }

  /** Fastify routes before `onRequest`, so the hook knows whether the intake route was matched. */
  private fastifyHook(): FastifyOnRequest {
    return (request, reply, done) => {
      const source = (request.params as { source?: unknown } | undefined)?.source;
      if (request.method !== 'POST' || typeof source !== 'string' || request.routeOptions?.url !== `${this.base()}:source`) return done();
      const answer = this.check(source, request.ip, request.raw, true);
      if (!answer) return done();
      const headers: Record<string, string> = { ...answer.headers };
      if (answer.closeConnection) headers['connection'] = 'close';
      reply.code(answer.status).headers(headers).send(answer.body);
    };
  }
}
