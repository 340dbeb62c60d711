/** The URLs of an RFC 8288 `Link` header by relation: `<https://…?page_info=abc>; rel="next"` → `{ next: 'https://…' }`. */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,\s*(?=<)/)) {
    const match = /^<([^>]*)>(.*)$/.exec(part.trim());
    if (!match?.[1]) continue;
    const rel = /;\s*rel="?([^";]+)"?/i.exec(match[2] ?? '')?.[1];
    if (rel) for (const name of rel.split(/\s+/)) links[name.toLowerCase()] = match[1];
  }
  return links;
}
