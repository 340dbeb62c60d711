import { BadRequestException, ConflictException, NotFoundException, NotImplementedException } from '@nestjs/common';
import type { FlowRunDetail } from '@aiwire/flows';
import type { FlowRuns, LocatedFlows } from './flow-runs.service.js';
import { flowsMessages } from './flows.messages.js';

/** The app's flows, or 501 saying how to add FlowsModule. */
export async function requireFlows(runs: FlowRuns): Promise<LocatedFlows> {
  const flows = await runs.flows();
  if (!flows) throw new NotImplementedException(flowsMessages.flowsMissing());
  return flows;
}

/** The run, or 404. */
export async function requireRun({ service }: LocatedFlows, id: string, admin: string): Promise<FlowRunDetail> {
  const run = await service.get(id);
  if (!run) throw new NotFoundException(flowsMessages.runNotFound(id, admin));
  return run;
}

/**
 * The engine's refusals as HTTP answers: an unknown run 404; a replay refused 400 for a step the run
 * does not have, else 409 (the run is still going: FlowReplayError carries no reason code, so its
 * message tells them apart). Anything else is rethrown (a 500, logged by Nest).
 */
export function asHttpError({ lib }: LocatedFlows, error: unknown): unknown {
  if (error instanceof lib.FlowRunNotFoundError) return new NotFoundException(error.message);
  if (error instanceof lib.FlowReplayError) return /\bno step\b/i.test(error.message) ? new BadRequestException(error.message) : new ConflictException(error.message);
  return error;
}
