/**
 * Where a registering party's key pairs come from. Each registration makes new ones (SET.md 4:
 * the CertReq certifies a key generated for it; docs/decisions.md D35), so a party asks its key
 * source for generation 0, 1, ... of each usage as it registers again.
 */
import type { KeyUsageKind } from '../crypto/key-pool.ts';

export interface PartyKey {
  readonly pair: CryptoKeyPair;
  /** SubjectPublicKeyInfo DER of the public half (what a CertReq carries). */
  readonly spki: Uint8Array;
}

export type KeySource = (usage: KeyUsageKind, generation: number) => Promise<PartyKey>;
