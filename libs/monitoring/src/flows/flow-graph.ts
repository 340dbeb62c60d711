import type { FlowRunDetail, FlowStepRecord } from '@aiwire/flows';
import type { FlowGraph, FlowGraphEdge } from './flow-graph-view.js';

type Counts = { kind: FlowStepRecord['kind']; runs: number; completed: number; failed: number };

/** The graph of `runs` (any order). A step reached twice in a run (it cannot be, by the engine's rules) counts once. */
export function buildFlowGraph(flow: string, runs: readonly FlowRunDetail[]): FlowGraph {
  const counts = new Map<string, Counts>();
  const edges = new Map<string, { from: string; to: string; runs: number }>();
  // Oldest first, so a step's first appearance decides its place among steps no edge orders.
  const ordered = [...runs].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const run of ordered) {
    const steps = unique(run.steps);
    steps.forEach((step, index) => {
      let node = counts.get(step.id);
      if (!node) counts.set(step.id, (node = { kind: step.kind, runs: 0, completed: 0, failed: 0 }));
      node.runs++;
      if (step.status === 'completed') node.completed++;
      if (step.status === 'failed') node.failed++;
      const previous = steps[index - 1];
      if (!previous) return;
      const key = JSON.stringify([previous.id, step.id]);
      const edge = edges.get(key) ?? { from: previous.id, to: step.id, runs: 0 };
      edge.runs++;
      edges.set(key, edge);
    });
  }
  const order = firstReachedOrder(counts, [...edges.values()]);
  return {
    flow,
    runs: runs.length,
    nodes: order.map((id) => {
      const { kind, runs: reached, completed, failed } = counts.get(id)!;
      return { id, kind, runs: reached, completed, failed };
    }),
    edges: [...edges.values()].sort((a, b) => order.indexOf(a.from) - order.indexOf(b.from) || order.indexOf(a.to) - order.indexOf(b.to)),
  };
}

/**
 * A topological order of the steps (Kahn's), ties broken by first appearance. Runs recorded under
 * different code may disagree on the order (a cycle): the rest then follow in appearance order.
 */
function firstReachedOrder(counts: ReadonlyMap<string, Counts>, edges: readonly FlowGraphEdge[]): string[] {
  const incoming = new Map([...counts.keys()].map((id) => [id, 0]));
  for (const edge of edges) incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  // A Map keeps insertion order: the order of first appearance.
  const byAppearance = [...counts.keys()];
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < byAppearance.length) {
    const next = byAppearance.find((id) => !placed.has(id) && incoming.get(id) === 0) ?? byAppearance.find((id) => !placed.has(id))!;
    order.push(next);
    placed.add(next);
    for (const edge of edges) if (edge.from === next && !placed.has(edge.to)) incoming.set(edge.to, incoming.get(edge.to)! - 1);
  }
  return order;
}

function unique(steps: readonly FlowStepRecord[]): FlowStepRecord[] {
  const seen = new Set<string>();
  return steps.filter((step) => !seen.has(step.id) && (seen.add(step.id), true));
}
