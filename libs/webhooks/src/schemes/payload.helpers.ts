import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { schemeOptionMessages } from './scheme.messages.js';

/** A property of a JSON object; undefined for anything that is not an object. */
export function fieldOf(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[key] : undefined;
}

/** An id as a non-empty string; JSON numbers (some senders use them) are written in decimal. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** An event type as a non-empty string. */
export function typeText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Compiles a dotted path (`data.object.id`) once, at startup, into a reader for parsed payloads. */
export function compilePath(scheme: string, path: string, option: string): (payload: unknown) => unknown {
  const keys = path.split('.');
  if (keys.some((key) => key.length === 0)) {
    throw new WebhookConfigurationError(schemeOptionMessages.badPath(scheme, option, path));
  }
  if (keys.length === 1) {
    const [key] = keys as [string];
    return (payload) => fieldOf(payload, key);
  }
  return (payload) => {
    let value = payload;
    for (const key of keys) value = fieldOf(value, key);
    return value;
  };
}

/**
 * Whether parsed JSON nests more than `levels` arrays/objects deep (a top-level `{}` is 1 level).
 * Stops at the first branch that goes too deep, so its own recursion never exceeds `levels + 1`.
 */
export function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeperThan(value[i], levels - 1)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) if (nestsDeeperThan(object[key], levels - 1)) return true;
  return false;
}
