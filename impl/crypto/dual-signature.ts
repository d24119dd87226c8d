/**
 * The dual signature of SET.md 5.3: DS = SO(C, {H(PIData), H(OIData)}). The merchant checks
 * it from OIData and the H(PIData) beside it, the gateway from PIData and the H(OIData) in
 * the PI; each sees one half in clear and only the hash of the other.
 */
import { DualSignatureInput } from '../wire/blobs.ts';
import { encode } from '../wire/schema.ts';
import type { CryptoContext } from './provider.ts';
import { signDetached, verifyDetached } from './signature.ts';

export interface DualSignatureHalves {
  readonly piDataHash: Uint8Array;
  readonly oiDataHash: Uint8Array;
}

export function dualSign(ctx: CryptoContext, cardholder: CryptoKey, halves: DualSignatureHalves): Promise<Uint8Array> {
  return signDetached(ctx, cardholder, encode(DualSignatureInput, halves));
}

export function verifyDualSignature(ctx: CryptoContext, cardholderKey: CryptoKey, signature: Uint8Array, halves: DualSignatureHalves): Promise<boolean> {
  return verifyDetached(ctx, cardholderKey, encode(DualSignatureInput, halves), signature);
}
