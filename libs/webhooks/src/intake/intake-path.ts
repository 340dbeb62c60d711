/** `/{globalPrefix}/{prefix}/`: what every intake path starts with. */
export function intakeBase(globalPrefix: string, prefix: string): string {
  return `/${[globalPrefix, prefix].map(trimSlashes).filter(Boolean).join('/')}/`;
}

/** The source segment of `{base}{source}[/][?query]`, or undefined when the path is not an intake path. */
export function sourceSegment(url: string | undefined, base: string): string | undefined {
  if (!url || !url.startsWith(base)) return undefined;
  const query = url.indexOf('?');
  let rest = url.slice(base.length, query === -1 ? undefined : query);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  return rest.length > 0 && !rest.includes('/') ? rest : undefined;
}

function trimSlashes(segment: string): string {
  return segment.replace(/^\/+|\/+$/g, '');
}
