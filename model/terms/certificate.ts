/**
 * Certificates as CA-signed bindings (SET.md 1): subject, subject public key, certificate type,
 * key usage, validity, serial and issuer, signed by a private signature key. Symbolically a
 * certificate is one constructor whose fields are public (anyone holding it reads them) and
 * which only the holder of `signer` can build. Path validation (types, dates, revocation, chains)
 * belongs to the role checks, not to the term: a forged or expired certificate is still a term.
 */
import { StringTable } from './intern.ts';
import { publicKeyOf } from './keys.ts';
import { CERT_TYPES, KEY_USAGES, type CertType, type Certificate, type KeyUsage, type PrivateKey, type PublicKey, type Term } from './term.ts';

export interface CertificateFields {
  readonly subject: Term;
  readonly subjectKey: PublicKey;
  readonly certType: CertType;
  readonly usage: KeyUsage;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly serial: number;
  readonly issuer: Term;
  /** Normally `privateKey(issuer, 'signature')`; anything else is a forgery the chain check rejects. */
  readonly signer: PrivateKey;
}

const certificates = new StringTable<Certificate, CertificateFields>((id, _key, fields) => ({ id, kind: 'cert', ...pick(fields) }));

export function certificate(fields: CertificateFields): Certificate {
  const { subject, subjectKey, certType, usage, firstDay, lastDay, serial, issuer, signer } = fields;
  if (!CERT_TYPES.includes(certType)) throw new RangeError(`certificate type: unknown "${String(certType)}"`);
  if (!KEY_USAGES.includes(usage)) throw new RangeError(`certificate usage: unknown "${String(usage)}"`);
  for (const [what, value] of [['firstDay', firstDay], ['lastDay', lastDay], ['serial', serial]] as const) {
    if (!Number.isSafeInteger(value)) throw new TypeError(`certificate ${what}: expected a safe integer, got ${String(value)}`);
  }
  const key = `${subject.id},${subjectKey.id},${certType},${usage},${firstDay},${lastDay},${serial},${issuer.id},${signer.id}`;
  return certificates.intern(key, fields);
}

/** Exactly the certificate's fields, whatever else the caller's object carries. */
function pick(fields: CertificateFields): CertificateFields {
  const { subject, subjectKey, certType, usage, firstDay, lastDay, serial, issuer, signer } = fields;
  return { subject, subjectKey, certType, usage, firstDay, lastDay, serial, issuer, signer };
}

/** The symbolic signature check of a certificate: was it signed with the private half of `issuerKey`? */
export function certificateSignedBy(cert: Certificate, issuerKey: PublicKey): boolean {
  return publicKeyOf(cert.signer) === issuerKey;
}
