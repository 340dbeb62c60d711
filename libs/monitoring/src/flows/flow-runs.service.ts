import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FlowsService } from '@aiwire/flows';
import { isModuleNotFound } from '../admin/module-not-found.js';
import { flowsMessages } from './flows.messages.js';

/** @aiwire/flows as loaded at run time (an optional peer). */
export type FlowsLib = typeof import('@aiwire/flows');

/** The app's FlowsService and the lib it came from (whose error classes the API maps to statuses). */
export interface LocatedFlows {
  readonly service: FlowsService;
  readonly lib: FlowsLib;
}

/**
 * Finds the app's `FlowsService` once, at the first admin request: @aiwire/flows is an optional
 * peer (a dynamic import) and FlowsModule may not be in the app (then the run view answers 501).
 */
@Injectable()
export class FlowRuns {
  private readonly logger = new Logger(FlowRuns.name);
  private located: Promise<LocatedFlows | undefined> | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  /** Undefined when @aiwire/flows is not installed or FlowsModule not imported. */
  flows(): Promise<LocatedFlows | undefined> {
    return (this.located ??= this.locate());
  }

  private async locate(): Promise<LocatedFlows | undefined> {
    let lib: FlowsLib;
    try {
      lib = await import('@aiwire/flows');
    } catch (error) {
      if (!isModuleNotFound(error)) this.logger.error(flowsMessages.flowsBroken(error instanceof Error ? error.message : String(error)));
      return undefined;
    }
    try {
      return { service: this.moduleRef.get(lib.FlowsService, { strict: false }), lib };
    } catch {
      return undefined;
    }
  }
}
