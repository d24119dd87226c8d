/**
 * The algorithm set of SET.md section 2, as one setting. The profile replaces SET 1.0's
 * RSA-1024 / SHA-1 / DES with RSA-2048, RSASSA-PSS and RSA-OAEP over SHA-256, and AES-256-GCM;
 * a historical profile would be a second AlgorithmSuite, nothing else changes.
 */
export interface AlgorithmSuite {
  readonly name: string;
  /** RSA modulus for every key pair (signature and key-exchange). */
  readonly modulusLength: number;
  readonly publicExponent: Uint8Array<ArrayBuffer>;
  /** Hash for H(t), PSS, OAEP and HMAC. */
  readonly hash: 'SHA-256' | 'SHA-384' | 'SHA-512';
  readonly hashLength: number;
  readonly signature: RsaPssParams & { readonly name: 'RSA-PSS' };
  readonly keyExchange: { readonly name: 'RSA-OAEP' };
  readonly symmetric: { readonly name: 'AES-GCM'; readonly length: 256; readonly ivLength: number; readonly tagLength: number };
}

export const SET_PROFILE_2026: AlgorithmSuite = {
  name: 'set-profile-2026 (RSA-2048, PSS/OAEP-SHA-256, AES-256-GCM)',
  modulusLength: 2048,
  publicExponent: Uint8Array.of(0x01, 0x00, 0x01),
  hash: 'SHA-256',
  hashLength: 32,
  // Salt as long as the hash, the RFC 8017 recommendation.
  signature: { name: 'RSA-PSS', saltLength: 32 },
  keyExchange: { name: 'RSA-OAEP' },
  symmetric: { name: 'AES-GCM', length: 256, ivLength: 12, tagLength: 128 },
};

/** Octets an OAEP block holds: k - 2*hLen - 2 (RFC 8017 7.1.1); 190 for RSA-2048 / SHA-256. */
export function oaepCapacity(suite: AlgorithmSuite): number {
  return suite.modulusLength / 8 - 2 * suite.hashLength - 2;
}

/** Octets of an RSA signature or OAEP block. */
export function rsaBlockLength(suite: AlgorithmSuite): number {
  return suite.modulusLength / 8;
}

/** Length of SET's fresh values (RRPID, XID, challenges, nonces, secrets): 20 octets (SET.md 3). */
export const FRESH_VALUE_LENGTH = 20;
