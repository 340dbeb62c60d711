/** What a value beyond the limit is reported as. */
export const OTHER = '(other)';

/**
 * Keeps a label's distinct values bounded: the first `limit` values of each scope pass, later new
 * ones become `(other)`. Guards the series count against a sender that invents event types.
 */
export class BoundedValues {
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly limit: number) {}

  value(scope: string, value: string): string {
    let values = this.seen.get(scope);
    if (values === undefined) this.seen.set(scope, (values = new Set()));
    if (values.has(value)) return value;
    if (values.size >= this.limit) return OTHER;
    values.add(value);
    return value;
  }
}
