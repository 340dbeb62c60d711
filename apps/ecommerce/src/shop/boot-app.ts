import { NestFactory } from '@nestjs/core';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { AppModule } from '../app.module.js';
import type { ShopConfig } from '../shop.config.js';
import { setupOpenApi } from '../dashboard/openapi.js';

/**
 * Builds the shop's Nest app for `config` and starts it in its role: listening on `config.port`
 * (with `/docs`) when it serves HTTP, initialised only (its workers running) when `ROLE=worker`.
 * `abortOnError: false`: a module that fails to start rejects here instead of exiting the process,
 * so the caller can clean up; the app, if it was built, is closed before the error is rethrown.
 */
export async function bootApp(config: ShopConfig, options: { logger?: LoggerService | LogLevel[] | false; shutdownHooks?: boolean } = {}): Promise<INestApplication> {
  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(AppModule.register(config), { rawBody: true, abortOnError: false, ...(options.logger !== undefined && { logger: options.logger }) });
    if (options.shutdownHooks ?? true) app.enableShutdownHooks();
    if (config.http) {
      setupOpenApi(app);
      await app.listen(config.port, config.host);
    } else {
      await app.init();
    }
    return app;
  } catch (error) {
    await app?.close().catch(() => undefined);
    throw error;
  }
}
