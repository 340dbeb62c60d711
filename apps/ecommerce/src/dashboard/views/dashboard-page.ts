import type { DashboardFiguresDto } from '../dto/dashboard-figures.dto.js';
import { DASHBOARD_SCRIPT } from './dashboard-script.js';
import { Html, html, scriptJson } from './html.js';
import { layout } from './layout.js';

type Format = 'int' | 'usd' | 'pct';

/** A number the script keeps current: `path` into the figures, shown in `format`. */
const figure = (path: string, format: Format = 'int') => html`<span data-figure="${path}" data-format="${format}">…</span>`;

function kpi(label: string, value: Html, sub: Html, tone = ''): Html {
  return html`<section class="panel kpi span-2 ${tone}"><div class="label">${label}</div><div class="value">${value}</div><div class="sub">${sub}</div></section>`;
}

/**
 * `GET /`: the cards, tables and chart, filled by the inline script from the figures embedded in
 * the page, then from the server-sent events of `api/dashboard/stream` (links are relative, so a
 * proxy's path prefix keeps working). The script builds every element with `textContent`: titles,
 * emails and errors from outside are never parsed as markup.
 */
export function dashboardPage(figures: DashboardFiguresDto): string {
  const body = html`<h1>Shop activity <span class="muted" id="updated" style="font-size:13px;font-weight:400"></span></h1>
<noscript><p class="note">The live figures need JavaScript; the same figures are at <a href="api/dashboard">api/dashboard</a>.</p></noscript>
<div class="grid">
${kpi('Webhook events', figure('webhooks.total'), html`<b>${figure('webhooks.accepted')}</b> accepted · ${figure('webhooks.duplicate')} duplicate · ${figure('webhooks.rejected')} rejected`)}
${kpi('Flows completed', figure('flows.completed'), html`<b>${figure('flows.failed')}</b> failed · ${figure('flows.running')} running`, 'good')}
${kpi('Orders on hold', figure('heldOrders.total'), html`held for a fraud review`, 'warn')}
${kpi('AI model calls', figure('ai.calls'), html`${figure('ai.cacheHits')} more answered by the cache (<b>${figure('ai.cacheHitRate', 'pct')}</b> of lookups)`)}
${kpi('AI spend', figure('ai.spendUsd', 'usd'), html`${figure('ai.inputTokens')} tokens in · ${figure('ai.outputTokens')} out`)}
${kpi('Queue depth', figure('queues.depth'), html`<b>${figure('queues.deadLetters')}</b> dead letters`)}
<section class="panel span-7"><h2>Webhook events by source and outcome</h2><div id="webhooks"></div></section>
<section class="panel span-5"><h2>Flow runs by flow</h2><div id="flows"></div></section>
<section class="panel span-7"><h2>Review sentiment per product</h2><div id="sentiment"></div></section>
<section class="panel span-5"><h2>Orders on hold</h2><div id="held"></div></section>
<section class="panel span-8"><h2>Recent flow runs</h2><div id="runs"></div></section>
<section class="panel span-4"><h2>Queues</h2><div id="queues"></div></section>
</div>
<script id="initial-figures" type="application/json">${scriptJson(figures)}</script>`;
  return layout('Dashboard', '', body, { live: true, script: html`<script>${new Html(DASHBOARD_SCRIPT)}</script>` });
}
