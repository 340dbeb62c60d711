import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { DeadLetter, WebhookAdminService } from '@aiwire/webhooks';
import { isModuleNotFound } from './module-not-found.js';
import { matchesFilter, type DeadLetterFilter, type DeadLetterPage } from './dead-letter-query.js';
import type { DeadLetterList, DeadLetterView } from './dead-letter-view.js';

/** Dead letters read from Redis per round trip while scanning. */
const SCAN_PAGE = 500;

/**
 * The dead letters of @aiwire/webhooks, through the app's own `WebhookAdminService` (found at run
 * time: webhooks is an optional peer), so a replay runs only the failed handler, with its full attempts.
 */
@Injectable()
export class DeadLetters {
  private readonly logger = new Logger(DeadLetters.name);
  private located: Promise<WebhookAdminService | undefined> | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  /** The app's WebhookAdminService; undefined when @aiwire/webhooks is not installed or WebhookModule not imported. */
  webhookAdmin(): Promise<WebhookAdminService | undefined> {
    return (this.located ??= this.locate());
  }

  async list(admin: WebhookAdminService, filter: DeadLetterFilter, page: DeadLetterPage): Promise<DeadLetterList> {
    const deadLetters: DeadLetterView[] = [];
    let total = 0;
    for await (const letter of scan(admin)) {
      const seen = view(letter);
      if (!matchesFilter(filter, seen)) continue;
      if (total >= page.offset && deadLetters.length < page.limit) deadLetters.push(seen);
      total++;
    }
    return { total, offset: page.offset, limit: page.limit, deadLetters };
  }

  /** Replays every dead letter matching `filter` when called (each once, even if it fails again meanwhile). */
  async replayMatching(admin: WebhookAdminService, filter: DeadLetterFilter): Promise<{ matched: number; replayed: number }> {
    const ids = new Set<string>();
    for await (const letter of scan(admin)) if (matchesFilter(filter, view(letter))) ids.add(letter.id);
    let replayed = 0;
    for (const id of ids) if (await admin.replay(id)) replayed++;
    return { matched: ids.size, replayed };
  }

  private async locate(): Promise<WebhookAdminService | undefined> {
    let webhooks: typeof import('@aiwire/webhooks');
    try {
      webhooks = await import('@aiwire/webhooks');
    } catch (error) {
      if (!isModuleNotFound(error)) this.logger.error(`@aiwire/webhooks could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    try {
      return this.moduleRef.get(webhooks.WebhookAdminService, { strict: false });
    } catch {
      return undefined;
    }
  }
}

/** Every dead letter, newest first, a page at a time (a page may come back short when a job went meanwhile). */
async function* scan(admin: WebhookAdminService): AsyncGenerator<DeadLetter> {
  for (let offset = 0; ; offset += SCAN_PAGE) {
    const page = await admin.deadLetters({ offset, limit: SCAN_PAGE });
    if (page.length === 0) return;
    yield* page;
  }
}

function view(letter: DeadLetter): DeadLetterView {
  const { event } = letter;
  return {
    id: letter.id,
    source: event.source,
    type: event.type,
    eventId: event.id,
    handler: letter.handler,
    error: letter.error,
    attempts: letter.attemptsMade,
    failedAt: letter.failedAt,
    receivedAt: event.receivedAt,
  };
}
