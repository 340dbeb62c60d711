import type { FlowRunDetail, FlowStepRecord } from '@aiwire/flows';
import { buildFlowGraph } from './flow-graph.js';
import { graphSvg } from './views/graph-svg.js';

let clock = 0;
function run(id: string, steps: Array<[string, FlowStepRecord['status']?]>): FlowRunDetail {
  const at = new Date(Date.UTC(2026, 11, 2, 16, 0, clock++)).toISOString();
  return {
    id, flow: 'support', status: 'completed', input: {}, trigger: { kind: 'start' }, createdAt: at, updatedAt: at, durationMs: 1,
    steps: steps.map(([step, status = 'completed']) => ({ id: step, kind: step === 'cool-off' ? 'sleep' : 'step', status, attempts: 1, startedAt: at })),
  };
}

describe('buildFlowGraph', () => {
  it('orders steps as first reached, a step only some runs took between its neighbours, and counts runs per node and edge', () => {
    const runs = [run('a', [['analyse'], ['update'], ['cool-off']]), run('b', [['analyse'], ['update'], ['escalate', 'failed']]), run('c', [['analyse'], ['update'], ['escalate'], ['cool-off']])];
    const graph = buildFlowGraph('support', [...runs].reverse()); // newest first, as listed
    expect(graph.nodes.map((n) => [n.id, n.kind, n.runs, n.completed, n.failed])).toEqual([
      ['analyse', 'step', 3, 3, 0], ['update', 'step', 3, 3, 0], ['escalate', 'step', 2, 1, 1], ['cool-off', 'sleep', 2, 2, 0],
    ]);
    expect(graph.edges).toEqual([
      { from: 'analyse', to: 'update', runs: 3 },
      { from: 'update', to: 'escalate', runs: 2 },
      { from: 'update', to: 'cool-off', runs: 1 },
      { from: 'escalate', to: 'cool-off', runs: 1 },
    ]);
    expect(graph.runs).toBe(3);
  });

  it('survives runs that disagree on the order (code changed under live runs): every step once', () => {
    const graph = buildFlowGraph('support', [run('a', [['x'], ['y']]), run('b', [['y'], ['x']])]);
    expect(graph.nodes.map((n) => n.id)).toEqual(['x', 'y']);
    expect(graph.edges).toHaveLength(2);
    expect(graphSvg(graph).markup).toContain('data-step="y"');
  });

  it('draws escaped ids, thicker edges for more runs, and a run\'s path in blue', () => {
    const graph = buildFlowGraph('support', [run('a', [['<a>'], ['b']]), run('b', [['<a>'], ['b']]), run('c', [['<a>'], ['c']])]);
    const svg = graphSvg(graph, ['<a>', 'b']).markup;
    expect(svg).not.toContain('<a>');
    expect(svg).toContain('data-step="&#60;a&#62;"');
    const width = (to: string) => Number(new RegExp(`data-to="${to}">[\\s\\S]*?stroke-width="([\\d.]+)"`).exec(svg)?.[1]);
    expect(width('b')).toBeGreaterThan(width('c'));
    expect(svg).toMatch(/data-to="b">[\s\S]*?stroke="#2563eb"/);
    expect(graphSvg(buildFlowGraph('none', [])).markup).toContain('No step recorded yet');
  });
});
