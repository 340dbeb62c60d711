import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorPage } from './views/error-page.js';

/** The pages answer a refusal as an HTML page with the same status and message, so a browser shows what to do. */
@Catch(HttpException)
export class DashboardPageFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: HttpException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const adapter = this.adapterHost.httpAdapter;
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
    const path = String(adapter.getRequestUrl(http.getRequest()) ?? '').split('?')[0] ?? '';
    // `/runs/:id` and `/events/:id` are one level down; the links stay relative to the page.
    const root = '../'.repeat(Math.max(0, path.split('/').length - 2));
    const title = exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
    adapter.setHeader(http.getResponse(), 'Content-Type', 'text/html; charset=utf-8');
    adapter.reply(http.getResponse(), errorPage(status, title, message, root), status);
  }
}
