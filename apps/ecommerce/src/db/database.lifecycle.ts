import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DATABASE_CONNECTION } from './database.constants.js';
import type { DatabaseConnection } from './database.types.js';
import { messages } from './database.messages.js';
import { reasonOf } from './drivers/driver-utils.js';

/**
 * Closes the connection on `app.close()` / SIGTERM. On application shutdown, not module destroy,
 * so handlers and flows that finish their work in their own destroy hooks can still write.
 */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseLifecycle.name);

  constructor(@Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch((error: unknown) => this.logger.warn(messages.closeFailed(reasonOf(error))));
  }
}
