import { Html, html } from './html.js';

/** The pages' only style: no external asset, readable from 1024 px up. */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1e293b;background:#f1f5f9}
header{background:#0f172a;color:#e2e8f0;padding:0 24px;height:52px;display:flex;gap:22px;align-items:center}
header .brand{font-weight:700;font-size:16px;color:#fff;text-decoration:none;margin-right:8px}
header .brand span{color:#38bdf8}
header nav{display:flex;gap:18px}header nav a{color:#94a3b8;text-decoration:none;font-size:13px}header nav a:hover{color:#fff}
header .live{margin-left:auto;font-size:12px;color:#94a3b8;display:flex;align-items:center;gap:8px}
.dot{width:9px;height:9px;border-radius:50%;background:#64748b;display:inline-block}
.live.on .dot{background:#22c55e;box-shadow:0 0 0 3px rgba(34,197,94,.25)}.live.off .dot{background:#f59e0b}
main{max-width:1280px;margin:0 auto;padding:18px 24px 40px}
h1{font-size:20px;margin:4px 0 14px;display:flex;align-items:center;gap:10px;flex-wrap:wrap}h1 code{font-size:16px;background:#e2e8f0;padding:2px 8px;border-radius:6px}
h2{font-size:13px;margin:0 0 10px;text-transform:uppercase;letter-spacing:.05em;color:#475569}
a{color:#2563eb}
.grid{display:grid;grid-template-columns:repeat(12,1fr);gap:14px}
.panel{background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:14px 16px;box-shadow:0 1px 2px rgba(15,23,42,.05);min-width:0}
.span-2{grid-column:span 2}.span-4{grid-column:span 4}.span-5{grid-column:span 5}.span-6{grid-column:span 6}.span-7{grid-column:span 7}.span-8{grid-column:span 8}.span-12{grid-column:span 12}
.kpi .label{font-size:12px;color:#64748b;text-transform:uppercase;letter-spacing:.04em}
.kpi .value{font-size:28px;font-weight:700;line-height:1.2;margin:4px 0 2px;font-variant-numeric:tabular-nums}
.kpi .sub{font-size:12px;color:#64748b}.kpi .sub b{color:#334155;font-weight:600}
.kpi.good .value{color:#15803d}.kpi.warn .value{color:#b45309}.kpi.bad .value{color:#b91c1c}
table{width:100%;border-collapse:collapse}
th,td{padding:6px 8px;border-bottom:1px solid #f1f5f9;text-align:left;vertical-align:top}
th{font-weight:600;font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#64748b;border-bottom:1px solid #e2e8f0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr:last-child td{border-bottom:0}
code{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,monospace}
.nowrap{white-space:nowrap}.muted{color:#94a3b8}.error{color:#b91c1c}
.ellipsis{max-width:230px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:11px;font-weight:600;color:#fff;background:#64748b;white-space:nowrap}
.s-completed,.s-accepted{background:#16a34a}.s-failed,.s-invalid_signature{background:#dc2626}.s-cancelled,.s-duplicate{background:#64748b}
.s-running{background:#2563eb}.s-queued{background:#475569}.s-sleeping{background:#7c3aed}.s-waiting{background:#d97706}.s-retrying,.s-rate_limited{background:#ea580c}
.s-invalid_payload,.s-payload_too_large{background:#9333ea}
.zero{color:#cbd5e1}
.reasons{margin:2px 0 0;padding-left:16px;color:#475569;font-size:12px;overflow-wrap:anywhere}
.badge.score{background:#fef3c7;color:#92400e}
#held td:first-child{overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}
dl.facts dt{color:#64748b}dl.facts dd{margin:0}
.note{background:#fffbeb;border:1px solid #fcd34d;border-radius:8px;padding:8px 12px;margin:0 0 12px}
.timeline{display:grid;grid-template-columns:200px 1fr 80px;gap:6px 12px;align-items:center}
.timeline .track{position:relative;height:14px;background:#f1f5f9;border-radius:7px}
.timeline .bar{position:absolute;top:0;height:14px;border-radius:7px;min-width:4px;background:#16a34a}
.timeline .bar.failed{background:#dc2626}.timeline .bar.running,.timeline .bar.retrying{background:#2563eb}.timeline .bar.sleeping,.timeline .bar.waiting{background:#a78bfa}
.links{display:flex;gap:16px;flex-wrap:wrap;margin:0 0 14px;font-size:13px}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
`;

/** Where the header's links lead, relative to the page (`''` from `/`, `'../'` from `/runs/:id`). */
export function layout(title: string, root: string, body: Html, extras: { live?: boolean; script?: Html } = {}): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · aiwire shop</title><style>${new Html(CSS)}</style></head>
<body><header><a class="brand" href="${root || './'}">aiwire <span>shop</span></a>
<nav><a href="${root || './'}">Dashboard</a><a href="${root}admin/flows">Flow runs</a><a href="${root}admin/dead-letters">Dead letters</a><a href="${root}docs">API docs</a><a href="${root}metrics">Metrics</a></nav>
${extras.live ? html`<div class="live" id="live"><span class="dot"></span><span id="live-text">connecting…</span></div>` : ''}</header>
<main>${body}</main>${extras.script ?? ''}</body></html>`.markup;
}
