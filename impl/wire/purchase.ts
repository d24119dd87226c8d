/**
 * The plaintexts of the purchase (SET.md 5.1-5.3, 5.7, 5.9) and the PReq itself, whose OI
 * travels in the clear. Fields that a variant of SET.md section 10 removes or adds are
 * OPTIONAL with a context tag; whether each must be present is the wire profile's decision
 * (profile.ts), not the schema's.
 */
import { Amount, BrandID, CardExpiry, fresh20, hash32, localId, MerchantID, PAN, TransID } from './common.ts';
import { ExtraEncrypted, rsaBlock } from './blobs.ts';
import { Certificate } from './certificate.ts';
import { choice, oneOf, optional, sequence, type CodecValue } from './schema.ts';

/** PInitReq = {RRPID, LID_C, LID_M, Chall_C, BrandID} (SET.md 5.1). */
export const PInitReq = sequence('PInitReq', { rrpid: fresh20, lidC: localId, lidM: localId, challC: fresh20, brandID: BrandID });

/** The t of PInitRes's S(M, t): {TransID, RRPID, Chall_C, Chall_M, PEThumb} (SET.md 5.2). */
export const PInitResData = sequence('PInitResData', { transID: TransID, rrpid: fresh20, challC: fresh20, challM: fresh20, peThumb: hash32 });

/**
 * OIData (SET.md 5.3). Chall_C, Chall_M: removed by `no-challenges`; MerchantID: removed by
 * `oi-without-merchant`; PAN: added by `pan-in-order` (SET.md section 10).
 */
export const OIData = sequence('OIData', {
  transID: TransID,
  rrpid: fresh20,
  challC: optional(0, fresh20),
  hod: hash32,
  odSalt: fresh20,
  challM: optional(1, fresh20),
  brandID: BrandID,
  merchantID: optional(2, MerchantID),
  pan: optional(3, PAN),
});
export type OIData = CodecValue<typeof OIData>;

/**
 * OI = {OIData, H(PIData)} (SET.md 5.3; H({PIHead, PANToken}) in the unsigned form).
 * oiSignature: SO(C, OIData), only under `no-dual-signature`, where C signs OIData on its own.
 */
export const OI = sequence('OI', { oiData: OIData, piDataHash: hash32, oiSignature: optional(0, rsaBlock) });
export type OI = CodecValue<typeof OI>;

/** PIHead fields; MerchantID: removed by `pi-without-merchant` (SET.md 5.3, section 10). */
const piHeadFields = {
  transID: TransID,
  hod: hash32,
  purchAmt: Amount,
  merchantID: optional(0, MerchantID),
  transStain: optional(1, hash32),
};

/** PIHead = {TransID, HOD, PurchAmt, MerchantID, TransStain = HMAC(XID, CardSecret)} (SET.md 5.3, signed form). */
export const PIHead = sequence('PIHead', piHeadFields);
export type PIHead = CodecValue<typeof PIHead>;

/** PIHead of the unsigned form: the same fields, without TransStain (SET.md 5.3). */
export const PIHeadUnsigned = sequence('PIHeadUnsigned', piHeadFields);

/** PANData = {PAN, CardExpiry, PANSecret, EXNonce}, the secret of the signed PI's EX (SET.md 5.3). */
export const PANData = sequence('PANData', { pan: PAN, cardExpiry: CardExpiry, panSecret: fresh20, exNonce: fresh20 });

/** PIData = {PIHead, PANData}: what H(PIData) hashes (SET.md 5.3). */
export const PIData = sequence('PIData', { piHead: PIHead, panData: PANData });

/** PANToken = {PAN, CardExpiry, EXNonce}, the secret of the unsigned PI's EXH (SET.md 5.3). */
export const PANToken = sequence('PANToken', { pan: PAN, cardExpiry: CardExpiry, exNonce: fresh20 });

/** {PIHead, PANToken}: what the unsigned form's OI hashes in place of PIData (SET.md 5.3). */
export const PIUnsignedData = sequence('PIUnsignedData', { piHead: PIHeadUnsigned, panToken: PANToken });

/**
 * The t of the signed PI's EX: {PIHead, H(OIData)} (SET.md 5.3; SET 1.0's PI-OILink).
 * H(OIData) is removed by `no-dual-signature`, where P takes it from the AuthReq.
 */
export const PIOILink = sequence('PIOILink', { piHead: PIHead, oiDataHash: optional(0, hash32) });

/** The t of the unsigned PI's EXH: {PIHead without TransStain, H(OIData)} (SET.md 5.3). */
export const PIOILinkUnsigned = sequence('PIOILinkUnsigned', { piHead: PIHeadUnsigned, oiDataHash: hash32 });

/** The signed PI: {DS, EX(P, PIOILink, PANData)} (SET.md 5.3; SET 1.0's PIDualSigned). */
export const PIDualSigned = sequence('PIDualSigned', { ds: rsaBlock, ex: ExtraEncrypted });

/** PI ::= CHOICE { signed [0] PIDualSigned, unsigned [1] EXH(P, PIOILinkUnsigned, PANToken) } (SET.md 5.3). */
export const PI = choice('PI', { signed: [0, PIDualSigned], unsigned: [1, ExtraEncrypted] });
export type PI = CodecValue<typeof PI>;

/** PReq = {PI, OI, CertS(C)}; the certificate only in the signed form (SET.md 5.3). */
export const PReq = sequence('PReq', { pi: PI, oi: OI, cardholderCertS: optional(0, Certificate) });
export type PReq = CodecValue<typeof PReq>;

/** CompletionCode of PRes (SET.md 5.7). */
export const COMPLETION_CODES = ['pending', 'authorised', 'declined'] as const;
export const CompletionCode = oneOf(COMPLETION_CODES);

/**
 * The t of PRes's S(M, t) (SET.md 5.7). AuthAmt only once authorised; Chall_C is removed by
 * `no-challenges` together with OIData's (M has no Chall_C to echo then).
 */
export const PResData = sequence('PResData', {
  transID: TransID,
  rrpid: fresh20,
  challC: optional(0, fresh20),
  hod: hash32,
  piDataHash: hash32,
  completionCode: CompletionCode,
  purchAmt: Amount,
  authAmt: optional(1, Amount),
});

/** InqReqData = {TransID, RRPID}: signed by C, or sent bare in the unsigned form (SET.md 5.9). */
export const InqReqData = sequence('InqReqData', { transID: TransID, rrpid: fresh20 });
