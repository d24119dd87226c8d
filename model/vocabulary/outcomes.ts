/**
 * Delivery outcomes, exactly as SET.md 8 prints them, plus the answer codes that appear in
 * views and observations (SET.md 3 CAStatus, 5.5 decline reasons, 6.2 capture codes).
 */

/** SET.md 1 path validation, in its order: the first failure is the outcome. */
export const BAD_CERTIFICATE_REASONS = [
  'untrusted', 'bad-chain-signature', 'expired', 'not-yet-valid', 'not-a-ca', 'wrong-type', 'wrong-usage', 'revoked',
] as const;
export type BadCertificateReason = (typeof BAD_CERTIFICATE_REASONS)[number];

/** SET.md 8 `mismatch:<field>`. */
export const MISMATCH_FIELDS = [
  'challenge', 'merchant', 'gateway', 'transid', 'hod', 'oi-hash', 'pi-hash', 'pan-hash', 'cardholder-id', 'amount', 'key', 'thumbprint',
] as const;
export type MismatchField = (typeof MISMATCH_FIELDS)[number];

export type Rejection =
  | 'malformed'
  | 'replay'
  | 'unexpected'
  | `bad-certificate:${BadCertificateReason}`
  | 'bad-signature'
  | `mismatch:${MismatchField}`;
export type Outcome = 'accepted' | Rejection;

/** Every outcome string, in SET.md 8's table order. */
export const OUTCOMES: readonly Outcome[] = [
  'accepted',
  'malformed',
  'replay',
  'unexpected',
  ...BAD_CERTIFICATE_REASONS.map((why) => `bad-certificate:${why}` as const),
  'bad-signature',
  ...MISMATCH_FIELDS.map((field) => `mismatch:${field}` as const),
];

export function isOutcome(value: string): value is Outcome {
  return OUTCOMES.includes(value as Outcome);
}

/** SET.md 6.2 / 6.4: per item of a CapReq, in item order. */
export const CAPTURE_CODES = ['captured', 'duplicate', 'over-authorised', 'bad-token'] as const;
export type CaptureCode = (typeof CAPTURE_CODES)[number];

/** SET.md 5.5 and docs/decisions.md D13, in the order the issuer decides them. */
export const DECLINE_REASONS = ['unknown-card', 'expired', 'blocked', 'insufficient-credit'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** SET.md 3 `CAStatus`: refusal reasons. */
export const REFUSAL_REASONS = ['identity', 'unknown-account', 'key-reused', 'already-certified'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export type CaStatus = 'issued' | `refused:${RefusalReason}`;

/** SET.md 5.7 `CompletionCode`. */
export const COMPLETION_CODES = ['pending', 'authorised', 'declined'] as const;
export type CompletionCode = (typeof COMPLETION_CODES)[number];
