import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { html } from './views/html.js';
import { layout } from './views/layout.js';

/**
 * The pages answer a refusal (400, 404, 501, and the guard's 401/403) as a small HTML page with the
 * same status and message, so a browser shows what to do; the guard's headers (the basic-auth
 * challenge) are already set on the response.
 */
@Catch(HttpException)
export class FlowPageFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: HttpException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const adapter = this.adapterHost.httpAdapter;
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
    const path = String(adapter.getRequestUrl(http.getRequest()) ?? '').split('?')[0] ?? '';
    const home = /\/runs\/[^/]+$/.test(path) ? '../../flows' : path.endsWith('/') ? './' : 'flows';
    const body = html`<h1>${status} ${exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2')}</h1><p class="note">${message}</p>`;
    adapter.setHeader(http.getResponse(), 'Content-Type', 'text/html; charset=utf-8');
    adapter.reply(http.getResponse(), layout(String(status), home, body), status);
  }
}
