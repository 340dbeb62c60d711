import { uuid } from '../../http/ids.js';
import type { Reply } from '../../http/route.js';

export const CATEGORY = {
  expired: 'EXPIRED_AUTHENTICATION',
  invalidAuth: 'INVALID_AUTHENTICATION',
  notFound: 'OBJECT_NOT_FOUND',
  rateLimits: 'RATE_LIMITS',
  validation: 'VALIDATION_ERROR',
  conflict: 'CONFLICT',
} as const;

/** HubSpot's error envelope: `{ status: 'error', message, correlationId, category, ... }`. */
export function hubspotError(status: number, category: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { status: 'error', message, correlationId: uuid(), category, ...extra } };
}

export function expiredToken(expiredAt: number): Reply {
  const ago = Math.max(0, Math.floor((Date.now() - expiredAt) / 1000));
  return hubspotError(401, CATEGORY.expired, `The OAuth token used to make this call expired ${ago} second(s) ago.`, {
    context: { 'expire time': [new Date(expiredAt).toISOString()] },
  });
}

export const invalidAuthentication = (): Reply =>
  hubspotError(
    401,
    CATEGORY.invalidAuth,
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );

export const objectNotFound = (id: string): Reply =>
  hubspotError(404, CATEGORY.notFound, 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });

export function rateLimited(policy: 'TEN_SECONDLY_ROLLING' | 'DAILY'): Reply {
  const message = policy === 'DAILY' ? 'You have reached your daily limit.' : 'You have reached your ten_secondly_rolling limit.';
  return hubspotError(429, CATEGORY.rateLimits, message, { errorType: 'RATE_LIMIT', policyName: policy });
}

/** A property problem, reported as HubSpot does: a JSON list inside the message. */
export function invalidProperty(name: string, error: string, message: string): Reply {
  const detail = JSON.stringify([{ isValid: false, message, error, name }]);
  return hubspotError(400, CATEGORY.validation, `Property values were not valid: ${detail}`);
}

export const validationError = (message: string): Reply => hubspotError(400, CATEGORY.validation, message);

/** The body HubSpot sends for a failure with `status` (used by fault injection). */
export function hubspotFailure(status: number): Reply {
  if (status === 429) return rateLimited('TEN_SECONDLY_ROLLING');
  if (status === 401) return expiredToken(Date.now() - 1000);
  if (status === 404) return objectNotFound('0');
  if (status < 500) return validationError('Invalid request.');
  return hubspotError(status, 'INTERNAL_ERROR', 'internal error');
}
