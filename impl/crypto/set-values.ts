/**
 * Values SET derives from secrets (SET.md sections 1 and 5.3):
 *   HOD               = H({OD, PurchAmt, ODSalt})
 *   PANSecret         = CardSecret ⊕ CardCertNonce (20 octets each)
 *   UniqueCardholderID = HMAC({PAN, CardExpiry}, PANSecret)
 *   TransStain        = HMAC(XID, CardSecret)
 */
import { assertBytes } from '../assert.ts';
import { FRESH_VALUE_LENGTH } from './algorithms.ts';
import { CardholderIdInput, HodInput, type Amount, type OrderDescription } from '../wire/common.ts';
import { encode } from '../wire/schema.ts';
import { hash, hmac } from './digest.ts';
import type { CryptoContext } from './provider.ts';

export function hashedOrderDescription(ctx: CryptoContext, order: { od: OrderDescription; purchAmt: Amount; odSalt: Uint8Array }): Promise<Uint8Array> {
  assertBytes(order.odSalt, 'ODSalt', FRESH_VALUE_LENGTH);
  return hash(ctx, encode(HodInput, order));
}

export function panSecret(cardSecret: Uint8Array, cardCertNonce: Uint8Array): Uint8Array {
  assertBytes(cardSecret, 'CardSecret', FRESH_VALUE_LENGTH);
  assertBytes(cardCertNonce, 'CardCertNonce', FRESH_VALUE_LENGTH);
  return cardSecret.map((byte, i) => byte ^ cardCertNonce[i]!);
}

export function uniqueCardholderId(ctx: CryptoContext, card: { pan: string; cardExpiry: string }, secret: Uint8Array): Promise<Uint8Array> {
  assertBytes(secret, 'PANSecret', FRESH_VALUE_LENGTH);
  return hmac(ctx, encode(CardholderIdInput, card), secret);
}

export function transStain(ctx: CryptoContext, xid: Uint8Array, cardSecret: Uint8Array): Promise<Uint8Array> {
  assertBytes(xid, 'XID', FRESH_VALUE_LENGTH);
  assertBytes(cardSecret, 'CardSecret', FRESH_VALUE_LENGTH);
  return hmac(ctx, xid, cardSecret);
}

/** A certificate's thumbprint H(DER) (PEThumb, CAEThumb). */
export const thumbprint = (ctx: CryptoContext, der: Uint8Array): Promise<Uint8Array> => hash(ctx, der);
