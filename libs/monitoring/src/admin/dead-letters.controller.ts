import { Body, Controller, Get, HttpCode, NotFoundException, NotImplementedException, Param, Post, Query, UseGuards, VERSION_NEUTRAL, type Type } from '@nestjs/common';
import type { WebhookAdminService } from '@aiwire/webhooks';
import { AdminGuard } from './admin.guard.js';
import { adminMessages } from './admin.messages.js';
import { parseListQuery, parseReplayFilter } from './dead-letter-query.js';
import { DeadLetters } from './dead-letters.service.js';
import type { DeadLetterList } from './dead-letter-view.js';

/**
 * The dead-letter API under `{path}/dead-letters`, behind `AdminGuard` (404 when the admin is
 * off); 501 when the app has no WebhookModule. A class per path, because Nest reads a
 * controller's path from its decorator.
 */
export function createDeadLettersController(path: string): Type<unknown> {
  @Controller({ path: `${path}/dead-letters`, version: VERSION_NEUTRAL })
  @UseGuards(AdminGuard)
  class DeadLettersController {
    constructor(private readonly deadLetters: DeadLetters) {}

    /** `?source=&type=&handler=&offset=&limit=`, newest first. */
    @Get()
    async list(@Query() query: Record<string, unknown>): Promise<DeadLetterList> {
      const { filter, page } = parseListQuery(query);
      return this.deadLetters.list(await this.webhookAdmin(), filter, page);
    }

    /** Replays every dead letter matching the filter (query parameters or a JSON body). */
    @Post('replay')
    @HttpCode(202)
    async replayMatching(@Query() query: Record<string, unknown>, @Body() body: unknown): Promise<{ matched: number; replayed: number }> {
      const filter = parseReplayFilter(query, body);
      return this.deadLetters.replayMatching(await this.webhookAdmin(), filter);
    }

    @Post(':id/replay')
    @HttpCode(202)
    async replay(@Param('id') id: string): Promise<{ id: string; replayed: true }> {
      if (!(await (await this.webhookAdmin()).replay(id))) throw new NotFoundException(adminMessages.deadLetterNotFound(id, path));
      return { id, replayed: true };
    }

    private async webhookAdmin(): Promise<WebhookAdminService> {
      const admin = await this.deadLetters.webhookAdmin();
      if (!admin) throw new NotImplementedException(adminMessages.webhooksMissing());
      return admin;
    }
  }
  return DeadLettersController;
}
