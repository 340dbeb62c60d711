import { html } from './html.js';
import { layout } from './layout.js';

/** A refusal of a page (404, 400) as a small page with the same status and what to do. */
export function errorPage(status: number, title: string, message: string, root: string): string {
  return layout(String(status), root, html`<h1>${status} ${title}</h1><p class="note">${message}</p><p><a href="${root || './'}">← Dashboard</a></p>`);
}
