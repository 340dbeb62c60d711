/**
 * Everything an error carries, as text: name, message, stack and every own property —
 * non-enumerable ones too — of the error and of each `cause` below it.
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const fields = Object.fromEntries(Reflect.ownKeys(current).map((key) => [String(key), (current as Record<PropertyKey, unknown>)[key]]));
    parts.push(JSON.stringify(fields, (key, value: unknown) => (key === 'cause' ? '[walked]' : value)));
    current = (current as { cause?: unknown }).cause;
  }
  if (typeof current === 'string') parts.push(current);
  return parts.join('\n');
}
