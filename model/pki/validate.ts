/**
 * Path validation (SET.md 1), symbolic but in SET.md's order, the first failure naming the
 * outcome: the issuer of each certificate is in the chain up to RCA (`untrusted`); each signature
 * verifies with its issuer's key (`bad-chain-signature`); validity dates, leaf first
 * (`expired`, `not-yet-valid`); basicConstraints and path length (`not-a-ca`); the certificate
 * type for the use and for each place in the chain (`wrong-type`); keyUsage for the use
 * (`wrong-usage`); no certificate of the chain revoked (`revoked`). A certificate's subject is
 * compared with message fields afterwards, by the role (SET.md 1). Under no-chain-validation
 * (D39) none of this is checked: the certificate is taken as it is.
 *
 * The chain is found from each certificate's issuer name among the CA certificates of the
 * set-up hierarchy (every party holds them), so a certificate naming a non-CA issuer is
 * `untrusted`.
 */
import { certificateSignedBy, type Certificate, type CertType, type KeyUsage, type Term } from '../terms/index.ts';
import type { BadCertificateReason } from '../vocabulary/outcomes.ts';
import type { Pki } from './hierarchy.ts';
import { isCaType, ISSUER_TYPE, PATH_LENGTH } from './validity.ts';

/** Revoked certificates by term id, with the day they were put on their CA's CRL. */
export type Crl = ReadonlyMap<number, number>;

export interface ValidationContext {
  readonly day: number;
  readonly crl: Crl;
  readonly pki: Pki;
}

export interface CertificateUse {
  readonly type: CertType;
  readonly usage: KeyUsage;
}

export interface ValidationOptions {
  /** Validate the path at all (no-chain-validation turns this off for C and M: D39, nothing is checked). */
  readonly chain: boolean;
  /** Check the CRLs (no-revocation-check turns this off). */
  readonly revocation: boolean;
  /** Check type and usage of the leaf (any-cert-for-encryption turns this off for C's gateway certificate). */
  readonly typeAndUsage: boolean;
}

export const FULL_VALIDATION: ValidationOptions = Object.freeze({ chain: true, revocation: true, typeAndUsage: true });

/** Leaf first, root last; undefined when an issuer is not a CA of the hierarchy or the top is not the trusted root. */
function chainOf(leaf: Certificate, pki: Pki): Certificate[] | undefined {
  const chain = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 5; depth++) {
    if (current === pki.root) return chain;
    if (current.issuer.kind !== 'agent') return undefined;
    const issuer = pki.cas.get(current.issuer.name)?.signature;
    if (issuer === undefined) return undefined;
    if (issuer === current) return undefined; // self-issued but not the trusted root
    chain.push(issuer);
    current = issuer;
  }
  return undefined;
}

/** The first failure of SET.md 1's path validation, or undefined when the certificate is valid for the use. */
export function validateCertificate(
  candidate: Term,
  use: CertificateUse,
  context: ValidationContext,
  options: ValidationOptions = FULL_VALIDATION,
): BadCertificateReason | undefined {
  if (candidate.kind !== 'cert') return 'untrusted';
  // D39: without chain validation the certificate is taken as it is (its key read, nothing checked)
  if (!options.chain) return undefined;
  const chain = chainOf(candidate, context.pki);
  if (chain === undefined) return 'untrusted';
  for (let i = 0; i < chain.length; i++) {
    const issuer = chain[i + 1] ?? chain[i]!;
    if (!certificateSignedBy(chain[i]!, issuer.subjectKey)) return 'bad-chain-signature';
  }
  for (const c of chain) {
    if (context.day > c.lastDay) return 'expired';
    if (context.day < c.firstDay) return 'not-yet-valid';
  }
  for (let i = 1; i < chain.length; i++) {
    const ca = chain[i]!;
    if (!isCaType(ca.certType) || i - 1 > (PATH_LENGTH[ca.certType] ?? -1)) return 'not-a-ca';
  }
  if (options.typeAndUsage && candidate.certType !== use.type) return 'wrong-type';
  for (let i = 0; i + 1 < chain.length; i++) if (ISSUER_TYPE[chain[i]!.certType] !== chain[i + 1]!.certType) return 'wrong-type';
  if (options.typeAndUsage && candidate.usage !== use.usage) return 'wrong-usage';
  if (options.revocation) {
    for (const c of chain) {
      const revokedOn = context.crl.get(c.id);
      if (revokedOn !== undefined && revokedOn <= context.day) return 'revoked';
    }
  }
  return undefined;
}
