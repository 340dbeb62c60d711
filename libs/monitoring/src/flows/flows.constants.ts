/** Every default of the flows part, written once. */
export const FLOWS_VIEW = {
  /** Runs per page of the list, and the most a page may ask for (`FlowsService.list`'s own bound). */
  page: { limit: 50, maxLimit: 500 },
  /** Runs read to draw a flow's graph: the most recent ones. */
  graphRuns: 200,
  /** Runs read from Redis at once while drawing a graph. */
  graphReadConcurrency: 16,
  /** Characters of a step's output or error shown in the timeline. */
  stepText: 200,
  /** Characters of a run's input, output or error shown in its header. */
  runText: 600,
  /** Distinct step ids counted per flow in the metrics; later new ones are counted as `(other)`. */
  maxStepsPerFlow: 200,
} as const;

/** Statuses a run can be in, as `FlowsService` reports them (`FlowRunStatus`). */
export const RUN_STATUSES = ['queued', 'running', 'sleeping', 'waiting', 'completed', 'failed', 'cancelled'] as const;
