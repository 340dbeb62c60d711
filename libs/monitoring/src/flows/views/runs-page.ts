import type { FlowRun, FlowRunList } from '@aiwire/flows';
import { RUN_STATUSES } from '../flows.constants.js';
import type { RunQuery } from '../flow-run-query.js';
import { badge, formatDuration, formatTime, html, type Html } from './html.js';
import { layout } from './layout.js';
import { triggerText, waitingText } from './run-texts.js';

/** Where the list page is, for its relative links: `{admin}/flows` or `{admin}/flows/`. */
export interface ListLinks {
  /** From the page to `{admin}/flows/`: `flows/` or `` (empty). */
  readonly base: string;
}

/** `GET {admin}/flows`: the filter form, the runs newest first, and links to the other pages. */
export function runsPage(list: FlowRunList, query: RunQuery, { base }: ListLinks): string {
  const status = query.status?.[0] ?? '';
  const flows = [...new Set(list.runs.map((run) => run.flow))].sort();
  const first = list.total === 0 ? 0 : query.offset + 1;
  const last = query.offset + list.runs.length;
  const body = html`<h1>Flow runs</h1>
<form class="filters" method="get" action="">
<label>Flow<input name="flow" list="flows" value="${query.flow ?? ''}" placeholder="any flow"></label>
<datalist id="flows">${flows.map((flow) => html`<option value="${flow}">`)}</datalist>
<label>Status<select name="status"><option value="">any status</option>${RUN_STATUSES.map((s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${s}</option>`)}</select></label>
<button type="submit">Filter</button>${query.flow || query.status ? html` <a href="${base || './'}">clear</a>` : ''}
</form>
<p class="muted">${first}–${last} of ${list.total} run${list.total === 1 ? '' : 's'}, newest first.</p>
<table id="runs"><thead><tr><th>Run</th><th>Flow</th><th>Status</th><th>Started</th><th>Duration</th><th>Trigger</th><th>Waits for, or failed with</th></tr></thead>
<tbody>${list.runs.map((run) => row(run, base))}</tbody></table>
${list.runs.length === 0 ? html`<p class="muted">No run matches.</p>` : ''}
${pager(query, list.total)}`;
  return layout('Runs', base || './', body);
}

function row(run: FlowRun, base: string): Html {
  return html`<tr data-run="${run.id}"><td class="nowrap"><a href="${base}runs/${encodeURIComponent(run.id)}"><code>${run.id}</code></a></td>
<td class="nowrap">${run.flow}</td><td>${badge(run.status)}</td><td class="nowrap">${formatTime(run.createdAt)}</td><td class="num">${formatDuration(run.durationMs)}</td>
<td>${triggerText(run.trigger)}</td><td>${run.error ? html`<span class="error">${run.error.step ? `${run.error.step}: ` : ''}${run.error.message}</span>` : waitingText(run.waitingFor)}</td></tr>`;
}

function pager(query: RunQuery, total: number): Html {
  const link = (offset: number) => {
    const params = new URLSearchParams();
    if (query.flow) params.set('flow', query.flow);
    if (query.status) params.set('status', query.status.join(','));
    if (query.since) params.set('since', query.since);
    params.set('offset', String(offset));
    params.set('limit', String(query.limit));
    return `?${params.toString()}`;
  };
  const previous = query.offset > 0 ? html`<a href="${link(Math.max(0, query.offset - query.limit))}">← newer</a>` : '';
  const next = query.offset + query.limit < total ? html`<a href="${link(query.offset + query.limit)}">older →</a>` : '';
  return html`<div class="pager">${previous}${next}</div>`;
}
