/**
 * Codecs for the common fields of SET.md section 3, defined once and reused by every
 * message schema and by the SET values of impl/crypto (HOD, UniqueCardholderID, ...).
 */
import { integer, octets, sequence, sequenceOf, utf8, type CodecValue } from './schema.ts';

/** RRPID, XID, challenges, nonces, ODSalt, CardSecret, CardCertNonce, PANSecret: 20 octets (SET.md 3). */
export const fresh20 = octets({ length: 20 });

/** H(t): SHA-256, 32 octets; also thumbprints (PEThumb, CAEThumb) and HMACs (SET.md 2, 3). */
export const hash32 = octets({ length: 32 });

/** Local ids (LID_C, LID_M, LID_EE, LID_CA): short opaque octets chosen by their owner (SET.md 3). */
export const localId = octets({ min: 1, max: 64 });

/** TransID = {LID_C, LID_M, XID} (SET.md 3; profile: no date). */
export const TransID = sequence('TransID', { lidC: localId, lidM: localId, xid: fresh20 });
export type TransID = CodecValue<typeof TransID>;

/** An amount in integer minor units with its ISO 4217 currency (SET.md section 3). */
export const Amount = sequence('Amount', {
  currency: utf8({ min: 3, max: 3, pattern: /^[A-Z]{3}$/ }),
  minorUnits: integer({ min: 0 }),
});
export type Amount = CodecValue<typeof Amount>;

/** One line of the order description (SET.md 3). */
export const OrderItem = sequence('OrderItem', {
  description: utf8({ min: 1, max: 200 }),
  quantity: integer({ min: 1, max: 1_000_000 }),
  unitPrice: integer({ min: 0 }),
});

/** OD: the order description (items, quantities, unit prices) (SET.md 3). */
export const OrderDescription = sequenceOf(OrderItem, { min: 1, max: 100 });
export type OrderDescription = CodecValue<typeof OrderDescription>;

/** A primary account number: 12 to 19 ASCII digits (SET.md 1, 3). */
export const PAN = utf8({ min: 12, max: 19, pattern: /^[0-9]{12,19}$/ });

/** CardExpiry as YYYYMM (SET.md 1, 3). */
export const CardExpiry = utf8({ min: 6, max: 6, pattern: /^[0-9]{4}(0[1-9]|1[0-2])$/ });

/** BrandID: the card brand (SET.md 3). */
export const BrandID = utf8({ min: 1, max: 40 });
/** MerchantID: the merchant's certificate subject common name (SET.md 1, 3). */
export const MerchantID = utf8({ min: 1, max: 64 });

/** The input of HOD = H({OD, PurchAmt, ODSalt}) (SET.md 5.3). */
export const HodInput = sequence('HodInput', { od: OrderDescription, purchAmt: Amount, odSalt: fresh20 });

/** The input of UniqueCardholderID = HMAC({PAN, CardExpiry}, PANSecret) (SET.md section 1). */
export const CardholderIdInput = sequence('CardholderIdInput', { pan: PAN, cardExpiry: CardExpiry });
