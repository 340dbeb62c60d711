/**
 * A matcher for a webhook type pattern with the semantics of `@OnWebhook`: `*` matches any run of
 * characters (also none), everything else is literal. Types come from headers some providers do
 * not sign, so nothing here backtracks: each literal between two stars is taken at its leftmost
 * place, one `indexOf` per literal. (@aiwire/webhooks does not export its matcher.)
 */
export function compileTypeGlob(pattern: string): (type: string) => boolean {
  if (!pattern.includes('*')) return (type) => type === pattern;
  const parts = pattern.split('*');
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1).filter((part) => part.length > 0);
  const fixed = head.length + tail.length;
  return (type) => {
    if (type.length < fixed || !type.startsWith(head) || !type.endsWith(tail)) return false;
    const end = type.length - tail.length;
    let at = head.length;
    for (const part of middle) {
      const found = type.indexOf(part, at);
      if (found < 0 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}
