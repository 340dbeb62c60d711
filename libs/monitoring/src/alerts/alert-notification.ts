/**
 * What a notification says; the same whichever process sends it, and on every retry.
 * @publicApi
 */
export interface AlertNotification {
  /** `{rule}:{firedAt ms}:{state}`: one per firing and one per resolve; a receiver de-duplicates on it (the `webhook-id`). */
  readonly id: string;
  /** `{rule}:{firedAt ms}`: the firing and its resolve share it. */
  readonly incident: string;
  readonly rule: string;
  readonly state: 'firing' | 'resolved';
  /** The value when the state changed (a count, dead letters, or US dollars). */
  readonly value: number;
  /** The rule fires while the value is above this. */
  readonly threshold: number;
  /** The rule's window as written (`'5m'`), or null for a current count (dead letters). */
  readonly window: string | null;
  /** What the rule watches, e.g. `webhook_rejected{reason=signature} over 5m > 10`. */
  readonly condition: string;
  /** When this state began (ISO 8601). */
  readonly since: string;
  /** When the incident began firing (ISO 8601). */
  readonly firedAt: string;
}

/** The notification as the transition script queued it (numbers and times as text). */
export function parseNotification(json: string): AlertNotification {
  const raw = JSON.parse(json) as Record<string, string>;
  return {
    id: raw['id']!,
    incident: raw['incident']!,
    rule: raw['rule']!,
    state: raw['state'] === 'firing' ? 'firing' : 'resolved',
    value: Number(raw['value']),
    threshold: Number(raw['threshold']),
    window: raw['window'] ? raw['window'] : null,
    condition: raw['condition'] ?? '',
    since: new Date(Number(raw['since'])).toISOString(),
    firedAt: new Date(Number(raw['firedAt'])).toISOString(),
  };
}

/** One line for humans (Slack's text, logs). */
export function describeNotification(n: AlertNotification): string {
  return n.state === 'firing'
    ? `Alert ${n.rule} is FIRING: ${n.value} > ${n.threshold} (${n.condition}), since ${n.since}`
    : `Alert ${n.rule} is resolved: ${n.value} <= ${n.threshold} (${n.condition}), since ${n.since}; it fired at ${n.firedAt}`;
}
