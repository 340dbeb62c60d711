import { Injectable } from '@nestjs/common';
import { DEFAULT_FLOWS_OPTIONS as D } from '../flows.constants.js';
import { RunStore } from './run-store.js';
import { toFlowRun, toStepRecord, type StoredStep } from './stored-run.js';
import type { FlowRun, FlowRunDetail, FlowRunFilter, FlowRunList, FlowRunStatus } from '../interfaces/flow-run.interface.js';

/** Ids fetched per round trip while filtering by status. */
const PAGE = 500;

/** The read side of `FlowsService`: one run with its steps, and pages of runs. */
@Injectable()
export class RunQueries {
  constructor(private readonly store: RunStore) {}

  async get(runId: string): Promise<FlowRunDetail | undefined> {
    const state = await this.store.load(runId);
    if (!state) return undefined;
    const ordered = state.order.filter((id) => id !== '' && state.steps.has(id));
    const rest = [...state.steps.keys()].filter((id) => !ordered.includes(id));
    const steps = [...ordered, ...rest].map((id) => toStepRecord(state.steps.get(id) as StoredStep));
    return { ...toFlowRun(runId, state.hash), steps };
  }

  async list(filter: FlowRunFilter): Promise<FlowRunList> {
    const key = filter.flow === undefined ? this.store.keys.runs() : this.store.keys.flowRuns(filter.flow);
    const min = filter.since === undefined ? '-inf' : String(new Date(filter.since).getTime());
    const offset = Math.max(0, Math.trunc(filter.offset ?? 0));
    const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? D.listLimit)), D.maxListLimit);
    const statuses = filter.status === undefined ? undefined : new Set<FlowRunStatus>(typeof filter.status === 'string' ? [filter.status] : filter.status);
    const runs: FlowRun[] = [];
    let total = 0;
    // Index entries outlive expired runs until trimmed: the runs are read, and what is gone is skipped.
    for (let start = 0; ; start += PAGE) {
      const ids = await this.store.client.zrevrangebyscore(key, '+inf', min, 'LIMIT', start, PAGE);
      if (ids.length === 0) break;
      // One command per run (sent together by the client), not a pipeline: runs live on every slot of a Redis Cluster.
      const hashes = await Promise.all(ids.map((id) => this.store.client.hgetall(this.store.keys.run(id))));
      const now = Date.now();
      ids.forEach((id, i) => {
        const hash = hashes[i];
        if (!hash || hash.status === undefined || (statuses && !statuses.has(hash.status as FlowRunStatus))) return;
        if (total >= offset && runs.length < limit) runs.push(toFlowRun(id, hash, now));
        total++;
      });
      if (ids.length < PAGE) break;
    }
    return { total, runs };
  }
}
