import {
  Controller,
  Get,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UseGuards,
  UseInterceptors,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { request, type IncomingHttpHeaders } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { CacheKey, CacheTTL, CachingInterceptor, MonitoringModule, type MonitoringModuleOptions } from '@aiwire/monitoring';

/** Bearer tokens the guard knows, and the `req.user` each becomes (id, sub only, neither). */
export const USERS: Record<string, object> = {
  'token-a': { id: 'alice', name: 'Alice' },
  'token-b': { id: 'bob', name: 'Bob' },
  'token-c': { sub: 'carol' },
  'token-d': { email: 'dan@example.com', roles: ['admin'] },
  'token-e': { email: 'eve@example.com', roles: ['admin'] },
};

/** How many times each handler ran, shared by every app built from one `cachingModule`. */
export type Runs = Map<string, number>;

type Req = { user?: { id?: string; sub?: string; email?: string }; headers: Record<string, string | undefined> };

/** Sets `req.user` from `Authorization: Bearer <token>`; leaves other schemes alone (no user, credentials present). */
@Injectable()
class BearerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Req & { user?: object }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme === 'Bearer' && token !== undefined && USERS[token]) request.user = USERS[token];
    return true;
  }
}

/** Caches whatever carries `x-tenant`, shared by every user of that tenant, even with credentials and no user. */
@Injectable()
export class TenantCachingInterceptor extends CachingInterceptor {
  /** Waits this long (instead of 5 s) for another process's run of the same request. */
  protected override readonly waitMs = 400;

  protected override trackBy(context: ExecutionContext): string | undefined {
    const tenant = context.switchToHttp().getRequest<Req>().headers['x-tenant'];
    return tenant === undefined ? undefined : `tenant:${tenant}`;
  }
}

class Invoice {
  constructor(readonly id: string, readonly secret: string) {}
}

/** A host app with the two controllers; MonitoringModule through `forRoot`, `forRootAsync`, or absent (`monitoring` undefined). */
export function cachingModule(runs: Runs, monitoring: MonitoringModuleOptions | undefined, how: 'forRoot' | 'forRootAsync' = 'forRoot'): Type<unknown> {
  const ran = (name: string): number => {
    const n = (runs.get(name) ?? 0) + 1;
    runs.set(name, n);
    return n;
  };

  @Controller('items')
  @UseGuards(BearerGuard)
  @UseInterceptors(CachingInterceptor)
  @CacheTTL(60)
  class ItemsController {
    @Get('me')
    me(@Req() req: Req): object {
      const user = req.user;
      return { user: user?.id ?? user?.sub ?? user?.email ?? null, run: ran('me') };
    }

    @Get('slow')
    async slow(@Query('v') v?: string): Promise<object> {
      const run = ran('slow');
      await delay(300);
      return { v, run };
    }

    @Get('short')
    @CacheTTL(0.5)
    short(): object {
      return { run: ran('short') };
    }

    @Get('computed-ttl')
    @CacheTTL((context) => (context.switchToHttp().getRequest<Req>().headers['x-no-cache'] ? undefined : 30))
    computedTtl(): object {
      return { run: ran('computed-ttl') };
    }

    @Get('missing')
    missing(): never {
      ran('missing');
      throw new NotFoundException('no such item');
    }

    @Get('teapot')
    teapot(@Res({ passthrough: true }) res: { status(code: number): unknown }): object {
      res.status(418);
      return { run: ran('teapot') };
    }

    @Get('file')
    file(): StreamableFile {
      return new StreamableFile(Buffer.from(`file run ${ran('file')}`));
    }

    @Get('instance')
    instance(): Invoice {
      return new Invoice(`inv_${ran('instance')}`, 'hidden-by-a-serializer');
    }

    @Get('text')
    text(): string {
      return `plain run ${ran('text')}`;
    }

    @Get('named-one')
    @CacheKey('catalogue')
    namedOne(): object {
      return { from: 'one', run: ran('named') };
    }

    @Get('named-two')
    @CacheKey('catalogue')
    namedTwo(): object {
      return { from: 'two', run: ran('named') };
    }

    @Get('by-header')
    @CacheKey((context) => context.switchToHttp().getRequest<Req>().headers['x-variant'])
    byHeader(@Req() req: Req): object {
      return { variant: req.headers['x-variant'] ?? null, run: ran('by-header') };
    }

    @Get('long')
    @CacheTTL(60_000)
    long(): object {
      return { run: ran('long') };
    }

    @Get('broken-key')
    @CacheKey(() => {
      throw new Error('no tenant on this request');
    })
    brokenKey(): object {
      return { run: ran('broken-key') };
    }

    @Get('bad-ttl')
    @CacheTTL(() => -5)
    badTtl(): object {
      return { run: ran('bad-ttl') };
    }

    @Get(':id')
    item(@Param('id') id: string, @Query() query: Record<string, string>): object {
      return { id, query, run: ran('item') };
    }

    @Post()
    create(): object {
      return { run: ran('create') };
    }
  }

  @Controller('tenant')
  @UseInterceptors(TenantCachingInterceptor)
  class TenantController {
    @Get()
    get(@Req() req: Req): object {
      return { tenant: req.headers['x-tenant'] ?? null, run: ran('tenant') };
    }
  }

  const imports = !monitoring ? [] : how === 'forRoot' ? [MonitoringModule.forRoot(monitoring)] : [MonitoringModule.forRootAsync({ useFactory: async () => monitoring })];
  @Module({ imports, controllers: [ItemsController, TenantController], providers: [BearerGuard] })
  class CachingHostModule {}
  return CachingHostModule;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  /** The `x-cache` header, or null when the request was not eligible. */
  readonly cache: string | null;
  readonly ms: number;
}

/** One request over real HTTP (node:http, so that a `host` header is sent as given); the body parsed as JSON when it is. */
export async function call(base: string, path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const started = performance.now();
  const { status, headers, text } = await new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a text body
  }
  const cache = headers['x-cache'];
  return { status, body, cache: typeof cache === 'string' ? cache : null, ms: performance.now() - started };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
