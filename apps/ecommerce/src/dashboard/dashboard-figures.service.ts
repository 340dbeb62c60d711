import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { catchError, defer, EMPTY, exhaustMap, shareReplay, Subject, takeUntil, timer, type Observable } from 'rxjs';
import { MonitoringMetrics } from '@aiwire/monitoring';
import { WebhookAdminService } from '@aiwire/webhooks';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { STREAM_INTERVAL_MS } from './dashboard.constants.js';
import { activityFigures } from './dashboard-queries.js';
import type { DashboardFiguresDto } from './dto/dashboard-figures.dto.js';
import { aiFigures, queueDepths } from './metrics-figures.js';

/**
 * The dashboard's figures: the activity rows, the AI and queue metrics of the registry `/metrics`
 * serves, and the dead letters. `stream()` is one shared reading per interval however many pages
 * are open; it stops when the last one closes, and ends every stream when the app shuts down.
 */
@Injectable()
export class DashboardFigures implements OnModuleDestroy {
  private readonly logger = new Logger(DashboardFigures.name);
  private readonly closing = new Subject<void>();
  private readonly shared: Observable<DashboardFiguresDto>;
  private failing = false;

  constructor(
    @InjectDb() private readonly db: Database,
    private readonly metrics: MonitoringMetrics,
    private readonly moduleRef: ModuleRef,
  ) {
    this.shared = timer(0, STREAM_INTERVAL_MS).pipe(
      // A slow reading is not queued behind itself: ticks that come while it runs are dropped.
      exhaustMap(() => this.readForStream()),
      takeUntil(this.closing),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
  }

  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
  }

  /** The figures now. */
  async read(): Promise<DashboardFiguresDto> {
    const now = new Date();
    const [activity, ai, queues, deadLetters] = await Promise.all([
      activityFigures(this.db, now),
      aiFigures(this.metrics.registry),
      queueDepths(this.metrics.registry),
      // WebhookModule is not global in the shop: look its admin service up wherever it is.
      this.moduleRef.get(WebhookAdminService, { strict: false }).deadLetterCount(),
    ]);
    const depth = queues.reduce((n, q) => n + q.waiting + q.active + q.delayed, 0);
    return { at: now.toISOString(), ...activity, ai, queues: { depth, deadLetters, queues } };
  }

  /** The figures at once (the latest reading, at most one interval old), then after every interval. */
  stream(): Observable<DashboardFiguresDto> {
    return this.shared;
  }

  /** A reading that fails (the database or Redis away) skips its turn; the stream goes on. */
  private readForStream(): Observable<DashboardFiguresDto> {
    return defer(async () => {
      const figures = await this.read();
      if (this.failing) this.logger.log('The dashboard figures can be read again');
      this.failing = false;
      return figures;
    }).pipe(catchError((error: unknown) => {
      if (!this.failing) this.logger.warn(`The dashboard figures could not be read; the stream skips until they can: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
      return EMPTY;
    }));
  }
}
