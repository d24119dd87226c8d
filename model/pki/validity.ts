/**
 * Certificate validity (SET.md 1; docs/decisions.md D1): issued on day d, valid on days d through
 * d + 364 (CAs: d + 3649), both ends inclusive.
 */
import type { CertType } from '../terms/index.ts';

export const END_ENTITY_VALIDITY_DAYS = 365;
export const CA_VALIDITY_DAYS = 3650;

const CA_TYPES: ReadonlySet<CertType> = new Set<CertType>(['root', 'brand', 'cca', 'mca', 'pca']);

export function isCaType(type: CertType): boolean {
  return CA_TYPES.has(type);
}

/** The last valid day of a certificate of this type issued on `day`. */
export function lastValidDay(type: CertType, day: number): number {
  return day + (isCaType(type) ? CA_VALIDITY_DAYS : END_ENTITY_VALIDITY_DAYS) - 1;
}

/**
 * basicConstraints path length (SET.md 1): how many CA certificates may stand between a CA and
 * a leaf. RCA → BCA → CCA → leaf: the root allows 2, a brand 1, the three CAs 0.
 */
export const PATH_LENGTH: Readonly<Partial<Record<CertType, number>>> = { root: 2, brand: 1, cca: 0, mca: 0, pca: 0 };

/** SET.md 1 "its place in the chain": the type of the CA that issues a certificate of each type. */
export const ISSUER_TYPE: Readonly<Record<CertType, CertType>> = {
  root: 'root', brand: 'root', cca: 'brand', mca: 'brand', pca: 'brand', cardholder: 'cca', merchant: 'mca', gateway: 'pca',
};
