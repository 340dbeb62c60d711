import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import type { IncomingHttpHeaders } from 'node:http';
import { MONITORING_OPTIONS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { resolveAdminOptions, type ResolvedAdminOptions } from './admin.options.js';
import { adminMessages } from './admin.messages.js';
import { BASIC_AUTH_CHALLENGE, matchesBasicAuth } from './basic-auth.js';

/** Why a request to the admin is refused: the answer to send. */
export interface AdminDenial {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

const UNAUTHORIZED: AdminDenial = {
  status: 401,
  body: { statusCode: 401, message: adminMessages.unauthorized(), error: 'Unauthorized' },
  headers: { 'WWW-Authenticate': BASIC_AUTH_CHALLENGE },
};
const FORBIDDEN: AdminDenial = { status: 403, body: { statusCode: 403, message: adminMessages.forbidden(), error: 'Forbidden' } };
const CROSS_SITE: AdminDenial = { status: 403, body: { statusCode: 403, message: adminMessages.crossSite(), error: 'Forbidden' } };

/** The parts of an Express or Fastify request the access check reads. */
interface AdminRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Who may use the admin: basic auth first (401 with a challenge), then the host's guard (403, or
 * the HttpException it throws). One check for the controller's routes and the queue UI's.
 */
@Injectable()
export class AdminAccess implements OnModuleInit {
  /** Undefined when the admin part is off. */
  readonly options: ResolvedAdminOptions | undefined;
  private hostGuard: CanActivate | undefined;

  constructor(
    @Inject(MONITORING_OPTIONS) monitoring: ResolvedMonitoringOptions,
    private readonly moduleRef: ModuleRef,
  ) {
    this.options = monitoring.admin && resolveAdminOptions(monitoring.admin);
  }

  /** The host's guard: its own provider when the app has one, else an instance made here. */
  async onModuleInit(): Promise<void> {
    const guard = this.options?.guard;
    if (!guard) return;
    try {
      this.hostGuard = this.moduleRef.get(guard, { strict: false });
    } catch {
      this.hostGuard = await this.moduleRef.create(guard);
    }
  }

  /** Undefined when the request may go on. A guard's HttpException is its answer; any other error is rethrown. */
  async check(context: ExecutionContext): Promise<AdminDenial | undefined> {
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const { credentials } = this.options ?? {};
    if (credentials && !matchesBasicAuth(request.headers.authorization, credentials)) return UNAUTHORIZED;
    if (isCrossSiteWrite(request)) return CROSS_SITE;
    return this.hostGuard && this.askHostGuard(this.hostGuard, context);
  }

  private async askHostGuard(guard: CanActivate, context: ExecutionContext): Promise<AdminDenial | undefined> {
    try {
      const verdict = guard.canActivate(context);
      const allowed = isObservable(verdict) ? await lastValueFrom(verdict) : await verdict;
      return allowed ? undefined : FORBIDDEN;
    } catch (error) {
      if (error instanceof HttpException) return { status: error.getStatus(), body: asBody(error.getResponse(), error.getStatus()) };
      throw error;
    }
  }
}

/**
 * A browser resends basic-auth credentials on its own, so another site could make it POST to the
 * admin (a form posts without a CORS preflight). Writes are refused when the browser says the
 * request comes from another site; clients that are not browsers send neither header.
 */
function isCrossSiteWrite({ method, headers }: AdminRequest): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'cross-site' || site === 'same-site';
  const { origin } = headers;
  if (origin === undefined) return false;
  const forwarded = headers['x-forwarded-host'];
  const hosts = [headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()) : [])];
  try {
    return !hosts.includes(new URL(origin).host);
  } catch {
    return true; // `Origin: null` (a sandboxed frame, a file) is never the admin's own page
  }
}

function asBody(response: string | object, status: number): Record<string, unknown> {
  return typeof response === 'string' ? { statusCode: status, message: response } : (response as Record<string, unknown>);
}
