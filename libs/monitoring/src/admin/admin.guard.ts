import { HttpException, Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AdminAccess } from './admin-access.js';

/** The admin controller's guard: 404 when the admin is off, else `AdminAccess` decides. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly access: AdminAccess,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.access.options) throw new NotFoundException();
    const denial = await this.access.check(context);
    if (!denial) return true;
    const response = context.switchToHttp().getResponse<unknown>();
    for (const [name, value] of Object.entries(denial.headers ?? {})) this.adapterHost.httpAdapter.setHeader(response, name, value);
    throw new HttpException(denial.body, denial.status);
  }
}
