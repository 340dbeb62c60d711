import type { FlowRunDetail } from '@aiwire/flows';
import { buildFlowGraph } from './flow-graph.js';
import type { FlowGraph } from './flow-graph-view.js';
import type { LocatedFlows } from './flow-runs.service.js';
import { FLOWS_VIEW } from './flows.constants.js';

/** The graph of `flow` from its most recent runs (a run that expired between the list and its read is left out). */
export async function recentGraph({ service }: LocatedFlows, flow: string): Promise<FlowGraph> {
  const { runs } = await service.list({ flow, limit: FLOWS_VIEW.graphRuns });
  const details: FlowRunDetail[] = [];
  for (let i = 0; i < runs.length; i += FLOWS_VIEW.graphReadConcurrency) {
    const batch = await Promise.all(runs.slice(i, i + FLOWS_VIEW.graphReadConcurrency).map((run) => service.get(run.id)));
    for (const detail of batch) if (detail) details.push(detail);
  }
  return buildFlowGraph(flow, details);
}
