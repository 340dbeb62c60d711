/**
 * Why a delivery failed verification. Short fixed strings in the style of standard-webhooks:
 * safe to send back to the caller and to log, because they never carry a secret, a signature
 * or any part of the body.
 */
export const SchemeMessages = {
  missingSignature: 'Missing signature header',
  missingHeaders: 'Missing required headers',
  invalidSignature: 'Invalid signature header',
  noMatch: 'No matching signature',
  tooOld: 'Message timestamp too old',
  tooNew: 'Message timestamp too new',
} as const;
