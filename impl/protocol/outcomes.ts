/**
 * The per-delivery outcomes of SET.md section 8, spelled exactly as it prints them, so the
 * model (which cannot be imported here) and this implementation produce equal strings.
 */
import type { BadCertificateReason } from '../pki/failures.ts';

/** The `<field>` of `mismatch:<field>` (SET.md section 8). */
export const MISMATCH_FIELDS = [
  'challenge',
  'merchant',
  'gateway',
  'transid',
  'hod',
  'oi-hash',
  'pi-hash',
  'pan-hash',
  'cardholder-id',
  'amount',
  'key',
  'thumbprint',
] as const;
export type MismatchField = (typeof MISMATCH_FIELDS)[number];

export type Outcome =
  | 'accepted'
  | 'malformed'
  | 'replay'
  | 'unexpected'
  | `bad-certificate:${BadCertificateReason}`
  | 'bad-signature'
  | `mismatch:${MismatchField}`;

/** An outcome other than `accepted`: what a rejected delivery answers. */
export type RejectionOutcome = Exclude<Outcome, 'accepted'>;

export const mismatch = (field: MismatchField): RejectionOutcome => `mismatch:${field}`;
