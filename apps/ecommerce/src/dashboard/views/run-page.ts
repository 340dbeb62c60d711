import type { RunDetailDto, RunStepDto } from '../dto/runs.dto.js';
import { badge, formatDuration, formatTime, html, segment, type Html } from './html.js';
import { layout } from './layout.js';

/** From `/runs/:id` to the root. */
const ROOT = '../';

/** `GET /runs/:id`: the run, its steps on a timeline, its error, and the webhook events it consumed. */
export function runPage(run: RunDetailDto): string {
  const body = html`<h1>Run <code>${run.id}</code> ${badge(run.status)}</h1>
<div class="links"><a href="${ROOT}">← Dashboard</a><a id="admin-link" href="${ROOT}admin/flows/runs/${segment(run.id)}">Steps graph and replay in the monitoring admin</a><a href="${ROOT}api/runs/${segment(run.id)}">JSON</a></div>
<div class="grid">
<section class="panel span-5"><h2>Run</h2><dl class="facts" id="run">
<dt>Flow</dt><dd><code>${run.flow}</code></dd>
<dt>Trigger</dt><dd>${run.trigger ?? 'unknown'}</dd>
<dt>Started</dt><dd>${formatTime(run.startedAt)}</dd>
<dt>Finished</dt><dd>${run.finishedAt ? formatTime(run.finishedAt) : html`<span class="muted">not yet</span>`}</dd>
<dt>Duration</dt><dd>${formatDuration(run.durationMs)}${run.finishedAt ? '' : ' so far'}</dd>
${run.error ? html`<dt>Error</dt><dd class="error" id="run-error">${run.error.name ? html`<strong>${run.error.name}</strong>` : ''}${run.error.step ? ` in step ${run.error.step}` : ''}${run.error.name || run.error.step ? ': ' : ''}${run.error.message}</dd>` : ''}
</dl></section>
<section class="panel span-7"><h2>Webhook events</h2>${events(run)}</section>
<section class="panel span-12"><h2>Timeline</h2>${timeline(run)}</section>
</div>`;
  return layout(`Run ${run.id}`, ROOT, body);
}

function events(run: RunDetailDto): Html {
  if (run.events.length === 0) return html`<p class="muted">No webhook event: this run was started by ${run.trigger ?? 'something else'}.</p>`;
  return html`<table id="events"><thead><tr><th>Event</th><th>Source</th><th>Type</th><th class="num">Deliveries</th><th>Received</th></tr></thead><tbody>
${run.events.map((e) => html`<tr data-event="${e.eventId}"><td class="nowrap"><a href="${ROOT}events/${segment(e.eventId)}"><code>${e.eventId}</code></a></td><td><code>${e.source}</code></td><td>${e.type}</td>
<td class="num">${e.deliveries}</td><td class="nowrap">${formatTime(e.receivedAt)}</td></tr>`)}
</tbody></table>`;
}

/** Each step as a bar placed by its start and length within the run, then the table of the same steps. */
function timeline(run: RunDetailDto): Html {
  if (!run.stepsAvailable) {
    return html`<p class="note" id="steps-expired">The steps of this run are no longer in Redis (finished runs are kept for the flows retention, 7 days by default); the row above is what the database recorded.</p>`;
  }
  if (run.steps.length === 0) return html`<p class="muted">No step reached yet.</p>`;
  const start = Date.parse(run.startedAt);
  const end = Math.max(start + 1, ...run.steps.map((s) => Date.parse(s.finishedAt ?? s.startedAt) || start), run.finishedAt ? Date.parse(run.finishedAt) : Date.now());
  const span = end - start;
  const bars = run.steps.map((step) => {
    const from = Math.max(0, Date.parse(step.startedAt) - start);
    const length = step.durationMs ?? Math.max(0, (step.finishedAt ? Date.parse(step.finishedAt) : end) - Date.parse(step.startedAt));
    const left = ((from / span) * 100).toFixed(2);
    const width = (Math.min(length, span - from) / span * 100).toFixed(2);
    return html`<div><code>${step.id}</code> <span class="muted">${step.kind}</span></div>
<div class="track"><div class="bar ${step.status}" style="left:${left}%;width:${width}%" title="${step.id}: ${step.status}, ${formatDuration(length)}"></div></div>
<div class="num">${formatDuration(length)}</div>`;
  });
  return html`<div class="timeline">${bars}</div>
<table id="steps" style="margin-top:14px"><thead><tr><th>#</th><th>Step</th><th>Kind</th><th>Status</th><th class="num">Attempts</th><th>Started</th><th class="num">Duration</th><th>Error</th></tr></thead>
<tbody>${run.steps.map((step, i) => stepRow(step, i + 1))}</tbody></table>`;
}

function stepRow(step: RunStepDto, n: number): Html {
  return html`<tr data-step="${step.id}" data-status="${step.status}"><td class="num">${n}</td><td><code>${step.id}</code></td><td>${step.kind}</td><td>${badge(step.status)}</td>
<td class="num">${step.attempts}</td><td class="nowrap">${formatTime(step.startedAt)}</td><td class="num">${formatDuration(step.durationMs)}</td>
<td class="error">${step.error ? `${step.error.name ?? 'Error'}: ${step.error.message}` : ''}</td></tr>`;
}
