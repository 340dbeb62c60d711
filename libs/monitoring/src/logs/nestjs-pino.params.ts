import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';
import type { Params } from 'nestjs-pino';
import type { Logger } from 'pino';
import { requestCorrelationId } from './request-correlation.js';
import type { LogsSetup } from './logs.providers.js';

/**
 * Every route. nestjs-pino's own default (`{/*splat}`) matches no route but `/` on Fastify with
 * Nest 12.5, so pino-http would never run there; `{*path}` matches every route on both platforms.
 */
const EVERY_ROUTE = { path: '{*path}', method: RequestMethod.ALL };

/**
 * nestjs-pino's params: Nest's logger (`app.useLogger(app.get(Logger))`) and pino-http write
 * through monitoring's logger, so one pino (one destination, one censor) serves the whole app.
 * pino-http's middleware is mounted only with `logs.http` (on every route, and the ones excluded
 * from a global prefix); its request id is the correlation id `LoggingInterceptor` uses for the
 * same request. With logs off, nestjs-pino keeps its defaults and mounts nothing.
 */
export function nestjsPinoParams(setup: LogsSetup | undefined, logger: Logger | undefined, app: ApplicationConfig): Params {
  if (!setup || !logger) return { forRoutes: [] };
  return {
    pinoHttp: {
      logger,
      // The logger's serializers (credential headers censored) are already what pino-http needs.
      wrapSerializers: false,
      quietReqLogger: true,
      // Fastify gives its request an id of its own first (pino-http keeps it as reqId); correlation_id is ours.
      genReqId: (req: IncomingMessage) => requestCorrelationId(req),
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      customSuccessObject: (req: IncomingMessage, _res: ServerResponse, fields: object) => ({ ...fields, correlation_id: requestCorrelationId(req) }),
      customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, fields: object) => ({ ...fields, correlation_id: requestCorrelationId(req) }),
    },
    // Read when the middleware is mounted (app.init()), after a main.ts' setGlobalPrefix(), as nestjs-pino's own default is.
    get forRoutes() {
      if (!setup.options.http) return [];
      return [EVERY_ROUTE, ...(app.getGlobalPrefixOptions().exclude ?? []).map(({ path, requestMethod }) => ({ path, method: requestMethod }))];
    },
  };
}
