import { Html, html } from './html.js';

/** The pages' only style: no external asset, readable from 1024 px up. */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2933;background:#f5f7fa}
header{background:#1f2933;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline}
header a{color:#cbd2d9;text-decoration:none}header strong{font-size:16px}
main{max-width:1240px;margin:0 auto;padding:16px 24px 40px}
h1{font-size:20px;margin:8px 0 12px}h2{font-size:16px;margin:24px 0 8px}
a{color:#2563eb}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d9e2ec}
th,td{padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}
th{background:#f0f4f8;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#52606d}
td.num{text-align:right;white-space:nowrap}td.nowrap,td code{white-space:nowrap}
code,pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,monospace}
pre{margin:0;white-space:pre-wrap;word-break:break-all;max-width:560px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:#7b8794}
.s-completed{background:#2f9e44}.s-failed{background:#d64545}.s-cancelled{background:#7b8794}.s-running{background:#2563eb}
.s-queued{background:#52606d}.s-sleeping{background:#7c3aed}.s-waiting{background:#d97706}.s-retrying{background:#ea580c}
form.filters{display:flex;gap:12px;align-items:end;margin:0 0 12px;flex-wrap:wrap}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:#52606d;gap:2px}
input,select,button{font:inherit;padding:4px 8px;border:1px solid #bcccdc;border-radius:4px;background:#fff}
button{background:#2563eb;color:#fff;border-color:#2563eb;cursor:pointer}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;border:1px solid #d9e2ec;padding:12px 16px;margin:0}
dl.facts dt{color:#52606d}dl.facts dd{margin:0}
.note{background:#fffbea;border:1px solid #f0b429;padding:8px 12px;margin:12px 0}
.error{color:#ab091e}.muted{color:#7b8794}
.pager{display:flex;gap:16px;margin:10px 0}
.graph{background:#fff;border:1px solid #d9e2ec;padding:8px;overflow-x:auto}
`;

/** A whole page: `title`, a header whose links are relative to the page (`home`: the list from here). */
export function layout(title: string, home: string, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · aiwire flows</title><style>${new Html(CSS)}</style></head>
<body><header><strong>aiwire flows</strong><a href="${home}">Runs</a></header><main>${body}</main></body></html>`.markup;
}
