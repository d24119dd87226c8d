/**
 * The certificate profile of SET.md section 1: what each kind of certificate carries, in one
 * table, read by the issuer and by path validation alike.
 * - CA signature certificates: basicConstraints CA with path length root 2, brand 1,
 *   cca/mca/pca 0; keyUsage digitalSignature|keyCertSign|cRLSign.
 * - Key-exchange certificates (CCA/MCA/PCA, merchant, gateway): CA=false, keyEncipherment only.
 *   Decision: a CA's key-exchange certificate is *not* a CA certificate (its key can never sign
 *   a certificate), so it can never appear as an issuer in a chain (`not-a-ca`).
 * - Leaf signature certificates: CA=false, digitalSignature only.
 * - Validity: 3650 days for every certificate of a CA type, 365 for leaves.
 * - Signature algorithm: RSASSA-PSS with the suite's hash, MGF1 with the same hash, the suite's
 *   salt length (SET.md section 2), in the RFC 4055 encoding x509 writes (hash parameters absent).
 */
import { ArgumentError } from '../errors.ts';
import type { AlgorithmSuite } from '../crypto/algorithms.ts';
import type { KeyUsageKind } from '../crypto/key-pool.ts';
import { encodeSequence, encodeElement, TagClass } from '../wire/der.ts';
import { CA_VALIDITY_DAYS, LEAF_VALIDITY_DAYS } from './clock.ts';
import { isCaType, type CertType } from './cert-type.ts';
import { encodeOid, encodeSmallInteger } from './der-fields.ts';

export const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  crlNumber: '2.5.29.20',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
} as const;

const HASH_OID: Readonly<Record<AlgorithmSuite['hash'], string>> = {
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
};

/** keyUsage bit numbers (RFC 5280 4.2.1.3). */
export const KEY_USAGE_BIT = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;

export interface CertificateProfile {
  readonly isCa: boolean;
  /** basicConstraints pathLenConstraint, CA certificates only. */
  readonly pathLength: number | undefined;
  readonly keyUsageBits: readonly number[];
  readonly validityDays: number;
}

const PATH_LENGTH: Readonly<Record<string, number>> = { root: 2, brand: 1, cca: 0, mca: 0, pca: 0 };

/** Which (type, usage) pairs exist at all (SET.md section 1's key table). */
export function hasCertificate(type: CertType, usage: KeyUsageKind): boolean {
  return usage === 'signature' || !(type === 'root' || type === 'brand' || type === 'cardholder');
}

export function certificateProfile(type: CertType, usage: KeyUsageKind): CertificateProfile {
  if (!hasCertificate(type, usage)) throw new ArgumentError('usage', `a ${type} has no ${usage} certificate (SET.md section 1)`);
  const validityDays = isCaType(type) ? CA_VALIDITY_DAYS : LEAF_VALIDITY_DAYS;
  if (usage === 'keyExchange') return { isCa: false, pathLength: undefined, keyUsageBits: [KEY_USAGE_BIT.keyEncipherment], validityDays };
  if (isCaType(type)) {
    const { digitalSignature, keyCertSign, cRLSign } = KEY_USAGE_BIT;
    return { isCa: true, pathLength: PATH_LENGTH[type], keyUsageBits: [digitalSignature, keyCertSign, cRLSign], validityDays };
  }
  return { isCa: false, pathLength: undefined, keyUsageBits: [KEY_USAGE_BIT.digitalSignature], validityDays };
}

/** The algorithm x509's generator is given: RSA-PSS with the suite's hash and salt. */
export function x509SigningAlgorithm(suite: AlgorithmSuite): RsaPssParams & { hash: string } {
  return { name: 'RSA-PSS', hash: suite.hash, saltLength: suite.signature.saltLength };
}

/** The exact DER AlgorithmIdentifier every certificate and CRL of the profile carries. */
export function signatureAlgorithmIdentifier(suite: AlgorithmSuite): Uint8Array {
  const hash = encodeSequence(encodeOid(HASH_OID[suite.hash]));
  const explicit = (tag: number, content: Uint8Array): Uint8Array => encodeElement(TagClass.context, true, tag, content);
  const params = encodeSequence(
    explicit(0, hash),
    explicit(1, encodeSequence(encodeOid(OID.mgf1), hash)),
    explicit(2, encodeSmallInteger(suite.signature.saltLength)),
  );
  return encodeSequence(encodeOid(OID.rsassaPss), params);
}
