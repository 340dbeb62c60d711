// The body of `GET {admin}/flows/api/flows/:flow/graph`, written without @aiwire/flows's types: it is
// an optional peer, and these types are part of monitoring's public API.

/** One step id of a flow, over the runs read. */
export interface FlowGraphNode {
  readonly id: string;
  /** As `FlowStepRecord.kind`. */
  readonly kind: 'step' | 'sleep' | 'wait';
  /** Runs that reached it. */
  readonly runs: number;
  /** Runs in which it completed. */
  readonly completed: number;
  /** Runs in which it failed for good. */
  readonly failed: number;
}

/** One step followed another in `runs` runs. */
export interface FlowGraphEdge {
  readonly from: string;
  readonly to: string;
  readonly runs: number;
}

/**
 * The body of `GET {admin}/flows/api/flows/:flow/graph`: a flow's steps as its recent runs
 * recorded them. Nodes come in first-reached order (a step reached after another in some run comes
 * after it); a step some runs skip is a branch.
 * @publicApi
 */
export interface FlowGraph {
  readonly flow: string;
  /** How many runs were read (the most recent ones, at most 200). */
  readonly runs: number;
  readonly nodes: readonly FlowGraphNode[];
  readonly edges: readonly FlowGraphEdge[];
}
