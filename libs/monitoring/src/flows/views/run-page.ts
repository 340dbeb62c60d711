import type { FlowRunDetail, FlowStepRecord } from '@aiwire/flows';
import { FLOWS_VIEW } from '../flows.constants.js';
import type { FlowGraph } from '../flow-graph-view.js';
import { graphSvg } from './graph-svg.js';
import { asText, badge, formatDuration, formatTime, html, truncate, type Html } from './html.js';
import { layout } from './layout.js';
import { stepWaitText, triggerText, waitingText } from './run-texts.js';

/** From `{admin}/flows/runs/:id` to the list. */
const HOME = '../../flows';

/** `GET {admin}/flows/runs/:id`: the run's header, its steps in the order reached, and its flow's graph. */
export function runPage(run: FlowRunDetail, graph: FlowGraph): string {
  const waiting = waitingText(run.waitingFor);
  const body = html`<h1>Run <code>${run.id}</code> ${badge(run.status)}</h1>
<dl class="facts" id="run">
<dt>Flow</dt><dd>${run.flow}</dd>
<dt>Trigger</dt><dd>${triggerText(run.trigger)}</dd>
<dt>Started</dt><dd>${formatTime(run.createdAt)}</dd>
${run.finishedAt ? html`<dt>Finished</dt><dd>${formatTime(run.finishedAt)}</dd>` : html`<dt>Updated</dt><dd>${formatTime(run.updatedAt)}</dd>`}
<dt>Duration</dt><dd>${formatDuration(run.durationMs)}${run.finishedAt ? '' : ' so far'}</dd>
${run.concurrencyKey !== undefined ? html`<dt>Concurrency key</dt><dd><code>${run.concurrencyKey}</code></dd>` : ''}
<dt>Input</dt><dd><pre>${truncate(asText(run.input), FLOWS_VIEW.runText)}</pre></dd>
${run.output !== undefined ? html`<dt>Output</dt><dd><pre>${truncate(asText(run.output), FLOWS_VIEW.runText)}</pre></dd>` : ''}
${run.error ? html`<dt>Error</dt><dd class="error"><strong>${run.error.name}</strong>${run.error.step ? ` in step ${run.error.step}` : ''}: ${truncate(run.error.message, FLOWS_VIEW.runText)}</dd>` : ''}
</dl>
${waiting ? html`<p class="note" id="waiting">This run ${waiting}.</p>` : ''}
<h2>Timeline</h2>
<table id="steps"><thead><tr><th>#</th><th>Step</th><th>Kind</th><th>Status</th><th>Attempts</th><th>Started</th><th>Duration</th><th>Output or error</th></tr></thead>
<tbody>${run.steps.map((step, i) => stepRow(run, step, i + 1))}</tbody></table>
${run.steps.length === 0 ? html`<p class="muted">No step reached yet.</p>` : ''}
<h2>Graph of ${run.flow}</h2>
<p class="muted">Drawn from the ${graph.runs} most recent run${graph.runs === 1 ? '' : 's'} of the flow; this run's path in blue, edge thickness by runs.</p>
<div class="graph">${graphSvg(graph, run.steps.map((s) => s.id))}</div>`;
  return layout(`Run ${run.id}`, HOME, body);
}

function stepRow(run: FlowRunDetail, step: FlowStepRecord, n: number): Html {
  return html`<tr data-step="${step.id}" data-status="${step.status}"><td class="num">${n}</td><td><code>${step.id}</code></td><td>${step.kind}</td>
<td>${badge(step.status)}</td><td class="num">${step.attempts}</td><td class="nowrap">${formatTime(step.startedAt)}</td><td class="num">${formatDuration(step.durationMs)}</td>
<td>${result(run, step)}</td></tr>`;
}

function result(run: FlowRunDetail, step: FlowStepRecord): Html {
  const waits = stepWaitText(run, step);
  const error = step.error ? html`<div class="error"><strong>${step.error.name}</strong>: ${truncate(step.error.message, FLOWS_VIEW.stepText)}</div>` : '';
  const output = step.output !== undefined && step.status === 'completed' ? html`<pre>${truncate(asText(step.output), FLOWS_VIEW.stepText)}</pre>` : '';
  return html`${error}${output}${waits ? html`<div class="muted">${waits}</div>` : ''}`;
}
