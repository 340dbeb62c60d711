import { Inject, Injectable, Optional, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import type { Logger } from 'pino';
import { enableCorrelation, runWithCorrelation } from '@aiwire/core';
import { MONITORING_LOGGER, REQUEST_ID_HEADER } from './logs.constants.js';
import { ms, writeLine } from './log-line.js';
import { requestCorrelationId } from './request-correlation.js';
import { routeTemplate } from './route-template.js';

/** Express's response, or Fastify's reply (`raw` is the Node response). */
type HttpResponse = ServerResponse & { raw?: ServerResponse; header?: (name: string, value: string) => unknown };

/**
 * One log line per request of a host controller — correlation id, method, route template, status
 * (an error's too, as the exception filter answered it), ms — and the request's work run under that
 * correlation id, so AI and connector calls made for it carry the same one. The id is the caller's
 * `x-request-id` / `x-correlation-id` when sane, else a new UUID, echoed in `x-request-id`.
 * Without MonitoringModule's `logs` it still sets the correlation and the header, and logs nothing.
 * @publicApi
 */
@Injectable()
export class LoggingInterceptor implements NestInterceptor {
  constructor(@Optional() @Inject(MONITORING_LOGGER) private readonly logger?: Logger) {
    // Used on a controller: the app wants its requests' ids to reach their AI and connector calls.
    enableCorrelation();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Parameters<typeof requestCorrelationId>[0] & Parameters<typeof routeTemplate>[0] & { method: string }>();
    const response = http.getResponse<HttpResponse>();
    const correlationId = requestCorrelationId(request);
    if (typeof response.header === 'function') response.header(REQUEST_ID_HEADER, correlationId);
    else response.setHeader(REQUEST_ID_HEADER, correlationId);
    if (this.logger) this.logWhenAnswered(this.logger, response.raw ?? response, { correlation_id: correlationId, method: request.method, route: routeTemplate(request) });
    // next.handle() binds the handler to the async context it is called in: call it inside the run.
    return new Observable((subscriber) => runWithCorrelation({ correlationId }, () => next.handle().subscribe(subscriber)));
  }

  /** The line is written once the answer is out (the status an exception filter chose included), or the caller went away. */
  private logWhenAnswered(logger: Logger, response: ServerResponse, fields: { correlation_id: string; method: string; route: string }): void {
    const started = performance.now();
    const done = (): void => {
      response.off('finish', done);
      response.off('close', done);
      const status = response.statusCode;
      const aborted = !response.writableFinished;
      writeLine(
        logger,
        status >= 500 && !aborted ? 'error' : aborted || status >= 400 ? 'warn' : 'info',
        () => ({ event: 'http.request', ...fields, status, duration_ms: ms(performance.now() - started), ...(aborted && { aborted: true }) }),
        () => `${fields.method} ${fields.route} ${aborted ? 'aborted' : status}`,
      );
    };
    response.once('finish', done);
    response.once('close', done);
  }
}
