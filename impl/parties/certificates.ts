/**
 * How a party validates a certificate it relies on for one message (SET.md section 1): RCA as
 * the only anchor, the published CA certificates as chain material, the CRLs, today's date,
 * and the weakenings its protocol variant allows (no-chain-validation for C and M,
 * no-revocation-check for everyone, any-cert-for-encryption for C's gateway certificate).
 * Every check is logged; a failure is the delivery's outcome.
 */
import type { KeyUsageKind } from '../crypto/key-pool.ts';
import type { CertType } from '../pki/cert-type.ts';
import { describeCertificateFailure } from '../pki/failures.ts';
import { validateCertificate, type ValidatedCertificate, type ValidationRelaxation } from '../pki/validate.ts';
import type { CheckLog, Rejection } from '../protocol/check-log.ts';
import { err, ok, type Result } from '../result.ts';
import type { PartyEnvironment } from './environment.ts';
import { toHex } from '../pki/der-fields.ts';

export type PartyKind = 'cardholder' | 'merchant' | 'gateway' | 'ca';

/** The party that relies on a certificate: its role decides the weakenings, its name goes in the log. */
export interface RelyingParty {
  readonly kind: PartyKind;
  readonly name: string;
}

export interface CertificateUse {
  /** What the log calls it ("CertS(M)"). */
  readonly label: string;
  readonly der: Uint8Array;
  readonly role: CertType;
  readonly usage: KeyUsageKind;
  /** C taking a key to encrypt the PI to the gateway (any-cert-for-encryption weakens exactly this). */
  readonly gatewayEncryption?: boolean;
}

function relaxationFor(env: PartyEnvironment, party: PartyKind, use: CertificateUse): ValidationRelaxation {
  const { rules } = env.protocol;
  return {
    chain: !rules.chainValidation && (party === 'cardholder' || party === 'merchant'),
    revocation: !rules.revocationChecks,
    leafTypeAndUsage: !rules.cardholderChecksGatewayCertificate && party === 'cardholder' && use.gatewayEncryption === true,
  };
}

export async function checkCertificate(env: PartyEnvironment, party: RelyingParty, log: CheckLog, use: CertificateUse): Promise<Result<ValidatedCertificate, Rejection>> {
  const relax = relaxationFor(env, party.kind, use);
  const result = await validateCertificate(env.ctx, {
    certificate: use.der,
    intermediates: env.trust.caCertificates,
    trustAnchor: env.trust.anchor,
    role: use.role,
    usage: use.usage,
    day: env.clock(),
    crls: env.trust.crls,
    relax,
  });
  const what = `${use.label}: ${use.role} ${use.usage} certificate, chain to RCA, dates, type, usage, CRL`;
  if (!result.ok) return err(log.fail(what, result.error.outcome, describeCertificateFailure(result.error)));
  const weakened = [relax.chain && 'no-chain-validation', relax.revocation && 'no-revocation-check', relax.leafTypeAndUsage && 'any-cert-for-encryption'].filter(Boolean);
  if (weakened.length > 0) log.skipped(what, weakened.join(', '));
  else log.pass(what);
  // For the certificate-binding goal (SET.md 12): the party logs it if it accepts the delivery.
  log.reliedOn.push({ thumbprint: toHex(result.value.thumbprint), label: use.label });
  return ok(result.value);
}
