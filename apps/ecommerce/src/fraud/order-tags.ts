/** Shopify keeps an order's tags as one comma-separated string. */
export function parseTags(tags: string | null | undefined): string[] {
  return (tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
}

/**
 * `tags` with `add` in it, and the tags of `replace` taken out: tagging is a merge, never an overwrite
 * of what staff or other apps put there. Case-insensitive, as Shopify compares tags.
 */
export function mergeTags(tags: readonly string[], add: string, replace: readonly string[] = []): string[] {
  const drop = new Set(replace.map((t) => t.toLowerCase()));
  const kept = tags.filter((t) => !drop.has(t.toLowerCase()) && t.toLowerCase() !== add.toLowerCase());
  return [...kept, add];
}
