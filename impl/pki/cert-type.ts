/**
 * The SET certificate-type extension `setCext-certType` (OID 2.23.42.7.1, SET.md section 1).
 * SET 1.0 (Book 2) defines it as
 *   CertificateType ::= BIT STRING { card(0), mer(1), pgwy(2), cca(3), mca(4), pca(5), gca(6),
 *                                    bca(7), rca(8), acq(9) }
 * The profile allows exactly one bit per certificate; it is written as a DER named-bit BIT STRING
 * (trailing zero bits removed). Anything else (missing, not DER, zero or several bits, a bit we
 * do not use such as gca or acq) reads as "no type", which path validation reports as wrong-type.
 */
import { readNamedBits, encodeNamedBits } from './der-fields.ts';
import { decodeDer, Universal, TagClass } from '../wire/der.ts';

export const CERT_TYPES = ['root', 'brand', 'cca', 'mca', 'pca', 'cardholder', 'merchant', 'gateway'] as const;
export type CertType = (typeof CERT_TYPES)[number];

export const CA_TYPES = ['root', 'brand', 'cca', 'mca', 'pca'] as const;
export type CaType = (typeof CA_TYPES)[number];

export const SET_CERT_TYPE_OID = '2.23.42.7.1';

/** Our type names against SET 1.0's bit numbers. */
export const CERT_TYPE_BIT: Readonly<Record<CertType, number>> = {
  cardholder: 0, // card
  merchant: 1, // mer
  gateway: 2, // pgwy
  cca: 3,
  mca: 4,
  pca: 5,
  brand: 7, // bca
  root: 8, // rca
};

const TYPE_BY_BIT = new Map<number, CertType>(Object.entries(CERT_TYPE_BIT).map(([type, bit]) => [bit, type as CertType]));

export function isCertType(value: string): value is CertType {
  return (CERT_TYPES as readonly string[]).includes(value);
}

export function isCaType(type: CertType): type is CaType {
  return (CA_TYPES as readonly string[]).includes(type);
}

/**
 * The type a certificate's issuer must have (SET.md section 1): cardholder by cca, merchant by
 * mca, gateway by pca, those three by brand, brand by root. The root has none: it is the anchor.
 */
export const ISSUER_TYPE: Readonly<Record<CertType, CertType | null>> = {
  cardholder: 'cca',
  merchant: 'mca',
  gateway: 'pca',
  cca: 'brand',
  mca: 'brand',
  pca: 'brand',
  brand: 'root',
  root: null,
};

/** The extension value: a DER BIT STRING with the type's single bit set. */
export function encodeCertType(type: CertType): Uint8Array {
  return encodeNamedBits([CERT_TYPE_BIT[type]]);
}

/** The type named by an extension value, or null when it names no single type of ours. */
export function decodeCertType(value: Uint8Array): CertType | null {
  const element = decodeDer(value);
  if (!element.ok) return null;
  const { tagClass, constructed, tagNumber } = element.value;
  if (tagClass !== TagClass.universal || constructed || tagNumber !== Universal.bitString) return null;
  const bits = readNamedBits(element.value.content);
  if (!bits.ok || bits.value.length !== 1) return null;
  return TYPE_BY_BIT.get(bits.value[0]!) ?? null;
}
