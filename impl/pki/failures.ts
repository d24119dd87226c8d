/**
 * The typed outcomes of path validation (SET.md sections 1 and 8): `bad-certificate:<why>` with
 * the reasons in section 1's order, or `malformed` when bytes are not a strict-DER certificate
 * of the profile. The outcome string is exactly the one section 8 prints.
 */
import type { Malformed } from '../wire/schema.ts';
import type { FieldFailure } from './certificate-parser.ts';

/** In SET.md section 1's check order: the first that fails anywhere in the chain is the outcome. */
export const BAD_CERTIFICATE_REASONS = [
  'untrusted',
  'bad-chain-signature',
  'expired',
  'not-yet-valid',
  'not-a-ca',
  'wrong-type',
  'wrong-usage',
  'revoked',
] as const;
export type BadCertificateReason = (typeof BAD_CERTIFICATE_REASONS)[number];

export interface BadCertificate {
  readonly outcome: `bad-certificate:${BadCertificateReason}`;
  readonly reason: BadCertificateReason;
  /** Which certificate failed: its CN and place, "M1 (chain[0])". */
  readonly certificate: string;
  readonly detail: string;
}

export type CertificateFailure = BadCertificate | Malformed;

export function badCertificate(reason: BadCertificateReason, certificate: string, detail: string): BadCertificate {
  return { outcome: `bad-certificate:${reason}`, reason, certificate, detail };
}

/** `label` names the certificate in the request ("certificate", "intermediates[1]"). */
export function certificateMalformed(label: string, failure: FieldFailure): Malformed {
  return { outcome: 'malformed', field: `${label}.${failure.field}`, rule: failure.rule };
}

export function describeCertificateFailure(failure: CertificateFailure): string {
  if (failure.outcome === 'malformed') return `malformed: ${failure.field}: ${failure.rule}`;
  return `${failure.outcome}: ${failure.certificate}: ${failure.detail}`;
}
