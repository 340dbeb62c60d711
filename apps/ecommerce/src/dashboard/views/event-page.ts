import type { EventDetailDto } from '../dto/runs.dto.js';
import { badge, formatDuration, formatTime, html, segment } from './html.js';
import { layout } from './layout.js';

/** From `/events/:eventId` to the root. */
const ROOT = '../';

/** `GET /events/:eventId`: each delivery the intake answered, and the runs the event started. */
export function eventPage(event: EventDetailDto): string {
  const first = event.deliveries[0];
  const body = html`<h1>Webhook event <code>${event.eventId}</code></h1>
<div class="links"><a href="${ROOT}">← Dashboard</a><a href="${ROOT}api/events/${segment(event.eventId)}">JSON</a></div>
<div class="grid">
<section class="panel span-12"><h2>Deliveries</h2>${first ? html`<p class="muted">${first.source} · ${first.type ?? 'type unknown'}: the first delivery, then any the sender repeated (answered as duplicates).</p>` : ''}
${event.deliveries.length === 0 ? html`<p class="muted">No delivery recorded for this id.</p>` : html`<table id="deliveries"><thead><tr><th>Received</th><th>Source</th><th>Type</th><th>Outcome</th><th class="num">HTTP status</th><th class="num">Intake time</th></tr></thead><tbody>
${event.deliveries.map((d) => html`<tr data-outcome="${d.outcome}"><td class="nowrap">${formatTime(d.receivedAt)}</td><td><code>${d.source}</code></td><td>${d.type ?? ''}</td><td>${badge(d.outcome)}</td><td class="num">${d.status}</td><td class="num">${formatDuration(d.durationMs)}</td></tr>`)}
</tbody></table>`}</section>
<section class="panel span-12"><h2>Flow runs of this event</h2>
${event.runs.length === 0 ? html`<p class="muted">No flow run consumed this event.</p>` : html`<table id="runs"><thead><tr><th>Run</th><th>Flow</th><th>Status</th><th>Started</th><th class="num">Duration</th><th>Error</th></tr></thead><tbody>
${event.runs.map((r) => html`<tr data-run="${r.id}"><td class="nowrap"><a href="${ROOT}runs/${segment(r.id)}"><code>${r.id}</code></a></td><td><code>${r.flow}</code></td><td>${badge(r.status)}</td>
<td class="nowrap">${formatTime(r.startedAt)}</td><td class="num">${formatDuration(r.durationMs)}</td><td class="error">${r.error?.message ?? ''}</td></tr>`)}
</tbody></table>`}</section>
</div>`;
  return layout(`Event ${event.eventId}`, ROOT, body);
}
