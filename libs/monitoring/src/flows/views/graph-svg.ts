import type { FlowGraph, FlowGraphEdge } from '../flow-graph-view.js';
import { html, type Html } from './html.js';

const NODE = { width: 230, height: 50 } as const;
const GAP = { x: 36, y: 46 } as const;
const PAD = 20;
/** Room on the right for the edges that skip a row. */
const SIDE = 90;
/** Arrow heads: the path stops this short of the box, the head fills the gap (a thick edge never hides it). */
const HEAD = 11;
const ARROW = { id: 'arrow', colour: '#9aa5b1' } as const;
const ARROW_ON_PATH = { id: 'arrow-path', colour: '#2563eb' } as const;

interface Box {
  readonly x: number;
  readonly y: number;
}

/**
 * A flow's graph as inline SVG, top to bottom: each step in the row of its longest path from the
 * first step, so steps some runs skip sit beside or between the others and a branch shows as two
 * paths. Edge thickness grows with the runs that took it; `reached` (a run's steps) is drawn in blue.
 */
export function graphSvg(graph: FlowGraph, reached: readonly string[] = []): Html {
  if (graph.nodes.length === 0) return html`<p class="muted">No step recorded yet in the runs read.</p>`;
  const rows = rowsOf(graph);
  const widest = Math.max(...rows.map((row) => row.length));
  const inner = widest * (NODE.width + GAP.x) - GAP.x;
  const skips = graph.edges.filter((e) => rowOf(rows, e.to) - rowOf(rows, e.from) !== 1).length;
  const width = PAD * 2 + inner + (skips > 0 ? SIDE + 14 * skips : 0);
  const height = PAD * 2 + rows.length * (NODE.height + GAP.y) - GAP.y;
  const boxes = new Map<string, Box>();
  rows.forEach((row, r) => {
    const offset = (inner - (row.length * (NODE.width + GAP.x) - GAP.x)) / 2;
    row.forEach((id, i) => boxes.set(id, { x: PAD + offset + i * (NODE.width + GAP.x), y: PAD + r * (NODE.height + GAP.y) }));
  });
  const onPath = new Set(reached.slice(1).map((id, i) => `${reached[i]}\n${id}`));
  const maxRuns = Math.max(1, ...graph.edges.map((e) => e.runs));
  let side = 0;
  const right = PAD + inner;
  const edges = graph.edges.map((edge) => drawEdge(edge, boxes, maxRuns, onPath.has(`${edge.from}\n${edge.to}`), () => right + 36 + 14 * side++));
  const taken = new Set(reached);
  const nodes = graph.nodes.map((node) => {
    const { x, y } = boxes.get(node.id)!;
    const fill = node.failed > 0 ? '#fde8e8' : node.completed === node.runs ? '#e3f9e5' : '#fff8e1';
    const stroke = taken.has(node.id) ? '#2563eb' : '#9aa5b1';
    const label = node.id.length > 28 ? `${node.id.slice(0, 27)}…` : node.id;
    return html`<g class="node" data-step="${node.id}"><title>${node.id}: ${node.kind}, reached by ${node.runs} run(s), completed in ${node.completed}, failed in ${node.failed}</title>
<rect x="${x}" y="${y}" width="${NODE.width}" height="${NODE.height}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${taken.has(node.id) ? 3 : 1.2}"/>
<text x="${x + 10}" y="${y + 20}" font-size="13" font-weight="600" fill="#1f2933">${label}</text>
<text x="${x + 10}" y="${y + 38}" font-size="11" fill="#52606d">${node.kind} · ${node.runs} run${node.runs === 1 ? '' : 's'} · ${node.completed} ok · ${node.failed} failed</text></g>`;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="max-width:100%;height:auto" role="img" aria-label="Steps of ${graph.flow} over ${graph.runs} run(s)" font-family="system-ui, 'DejaVu Sans', sans-serif">
<defs>${[ARROW, ARROW_ON_PATH].map((a) => html`<marker id="${a.id}" viewBox="0 0 10 10" refX="0" refY="5" markerUnits="userSpaceOnUse" markerWidth="${HEAD}" markerHeight="${HEAD}" orient="auto"><path d="M0,0L10,5L0,10z" fill="${a.colour}"/></marker>`)}</defs>
${edges}${nodes}</svg>`;
}

/** Rows by longest path from a first step, following the order of `graph.nodes` (edges against it are ignored). */
function rowsOf(graph: FlowGraph): string[][] {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const rank = new Map(graph.nodes.map((n) => [n.id, 0]));
  for (const node of graph.nodes) {
    for (const edge of graph.edges) {
      if (edge.from === node.id && index.get(edge.to)! > index.get(node.id)!) rank.set(edge.to, Math.max(rank.get(edge.to)!, rank.get(node.id)! + 1));
    }
  }
  const rows: string[][] = [];
  for (const node of graph.nodes) (rows[rank.get(node.id)!] ??= []).push(node.id);
  return rows.filter((row) => row !== undefined);
}

function rowOf(rows: readonly string[][], id: string): number {
  return rows.findIndex((row) => row.includes(id));
}

function drawEdge(edge: FlowGraphEdge, boxes: ReadonlyMap<string, Box>, maxRuns: number, highlighted: boolean, sideLane: () => number): Html {
  const a = boxes.get(edge.from)!;
  const b = boxes.get(edge.to)!;
  const width = (1.5 + (5 * edge.runs) / maxRuns).toFixed(1);
  const arrow = highlighted ? ARROW_ON_PATH : ARROW;
  const nextRow = b.y - a.y === NODE.height + GAP.y;
  let d: string;
  let label: { x: number; y: number };
  if (nextRow) {
    const [x1, y1, x2, y2] = [a.x + NODE.width / 2, a.y + NODE.height, b.x + NODE.width / 2, b.y];
    const mid = (y1 + y2) / 2;
    d = `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2 - HEAD}`;
    label = { x: (x1 + x2) / 2 + 6, y: mid + 4 };
  } else {
    // Skips a row (a step some runs left out), or goes back up: round the right side of the boxes.
    const [x1, y1, x2, y2] = [a.x + NODE.width, a.y + NODE.height / 2, b.x + NODE.width, b.y + NODE.height / 2];
    const out = sideLane();
    const r = Math.min(12, Math.abs(y2 - y1) / 2);
    const turn = y2 > y1 ? r : -r;
    d = `M${x1},${y1} L${out - r},${y1} Q${out},${y1} ${out},${y1 + turn} L${out},${y2 - turn} Q${out},${y2} ${out - r},${y2} L${x2 + HEAD},${y2}`;
    label = { x: out + 5, y: (y1 + y2) / 2 + 4 };
  }
  return html`<g class="edge" data-from="${edge.from}" data-to="${edge.to}"><title>${edge.from} → ${edge.to}: ${edge.runs} run(s)</title>
<path d="${d}" fill="none" stroke="${arrow.colour}" stroke-width="${width}" marker-end="url(#${arrow.id})"/>
<text x="${label.x}" y="${label.y}" font-size="11" fill="#52606d" stroke="#fff" stroke-width="3" paint-order="stroke">${edge.runs}</text></g>`;
}
