/**
 * The plaintexts of cardholder and merchant registration (SET.md section 4): what each
 * message signs, envelopes or puts in an OAEP block. Field names are SET.md's in camelCase
 * (LID_EE -> lidEE, Chall_EE2 -> challEE2, CAEThumb -> caeThumb).
 */
import { BrandID, CardExpiry, fresh20, hash32, localId, MerchantID, PAN } from './common.ts';
import { Certificate, PublicKeyInfo, SymmetricKey } from './certificate.ts';
import { integer, oneOf, optional, sequence, sequenceOf, utf8, type CodecValue } from './schema.ts';

// ---- registration fields (SET.md section 3) ----

/** RegFormID: the CA's number for one form it handed out (SET.md 3; INTEGER as in SET 1.0). */
export const RegFormID = integer({ min: 0, max: 0x7fff_ffff });

/** RegForm: the labels of the fields the requester must fill in (SET.md 3). */
export const RegForm = sequenceOf(utf8({ min: 1, max: 64 }), { min: 1, max: 16 });

/** RegFormValues: the values filled in, name and billing postcode (SET.md 3). */
export const RegFormValues = sequence('RegFormValues', {
  name: utf8({ min: 1, max: 128 }),
  billingPostcode: utf8({ min: 1, max: 16 }),
});
export type RegFormValues = CodecValue<typeof RegFormValues>;

/** CAStatus: `issued` or `refused:<why>` (SET.md 3). */
export const CA_STATUSES = ['issued', 'refused:identity', 'refused:unknown-account', 'refused:key-reused', 'refused:already-certified'] as const;
export const CAStatus = oneOf(CA_STATUSES);
export type CAStatus = CodecValue<typeof CAStatus>;

/** AcquirerBIN: the acquirer's id, 6 to 11 digits (SET.md 4.2 step 1). */
export const AcquirerBIN = utf8({ min: 6, max: 11, pattern: /^[0-9]{6,11}$/ });

// ---- cardholder registration (SET.md 4.1) ----

/** CardCInitReq = {RRPID, LID_EE, Chall_EE, BrandID} (SET.md 4.1 step 1). */
export const CardCInitReq = sequence('CardCInitReq', { rrpid: fresh20, lidEE: localId, challEE: fresh20, brandID: BrandID });

/** The t of CardCInitRes's S(CCA, t): {RRPID, LID_EE, Chall_EE, CAEThumb} (SET.md 4.1 step 2). */
export const CardCInitResData = sequence('CardCInitResData', { rrpid: fresh20, lidEE: localId, challEE: fresh20, caeThumb: hash32 });

/** The t of RegFormReq's EXH: {RRPID, LID_EE, Chall_EE2, BrandID} (SET.md 4.1 step 3). */
export const RegFormReqData = sequence('RegFormReqData', { rrpid: fresh20, lidEE: localId, challEE2: fresh20, brandID: BrandID });

/** The secret p of RegFormReq's EXH: {PAN, EXNonce} (SET.md 4.1 step 3; SET 1.0's PANOnly). */
export const PANOnly = sequence('PANOnly', { pan: PAN, exNonce: fresh20 });

/** The t of RegFormRes's S(CCA, t) (SET.md 4.1 step 4). */
export const RegFormResData = sequence('RegFormResData', {
  rrpid: fresh20,
  lidEE: localId,
  challEE2: fresh20,
  lidCA: localId,
  challCA: fresh20,
  regFormID: RegFormID,
  regForm: RegForm,
});

/** The cardholder's CertReqData, the t of CertReq's EncX (SET.md 4.1 step 5). */
export const CardholderCertReqData = sequence('CardholderCertReqData', {
  rrpid: fresh20,
  lidEE: localId,
  challEE3: fresh20,
  lidCA: localId,
  challCA: fresh20,
  regFormID: RegFormID,
  regFormValues: RegFormValues,
  caBackKey: SymmetricKey,
  publicKeyS: PublicKeyInfo,
});

/** AcctInfo = {PAN, CardExpiry, CardSecret, EXNonce}, the secret of the cardholder's EncX (SET.md 4.1 step 5). */
export const AcctInfo = sequence('AcctInfo', { pan: PAN, cardExpiry: CardExpiry, cardSecret: fresh20, exNonce: fresh20 });

/** The cardholder's CertResData, the t of CertRes's EncK; Cert(C) only when issued (SET.md 4.1 step 6). */
export const CardholderCertResData = sequence('CardholderCertResData', {
  rrpid: fresh20,
  lidEE: localId,
  challEE3: fresh20,
  lidCA: localId,
  caStatus: CAStatus,
  cardCertNonce: fresh20,
  cert: optional(0, Certificate),
});

// ---- merchant registration (SET.md 4.2) ----

/** Me-AqCInitReq = {RRPID, LID_EE, Chall_EE, MerchantID, AcquirerBIN} (SET.md 4.2 step 1). */
export const MeAqCInitReq = sequence('Me-AqCInitReq', {
  rrpid: fresh20,
  lidEE: localId,
  challEE: fresh20,
  merchantID: MerchantID,
  acquirerBIN: AcquirerBIN,
});

/** The t of Me-AqCInitRes's S(MCA, t) (SET.md 4.2 step 2). */
export const MeAqCInitResData = sequence('Me-AqCInitResData', {
  rrpid: fresh20,
  lidEE: localId,
  challEE: fresh20,
  lidCA: localId,
  challCA: fresh20,
  regFormID: RegFormID,
  regForm: RegForm,
  caeThumb: hash32,
});

/** The merchant's CertReqData, the t of CertReq's EncX (SET.md 4.2 step 3). */
export const MerchantCertReqData = sequence('MerchantCertReqData', {
  rrpid: fresh20,
  lidEE: localId,
  challEE3: fresh20,
  lidCA: localId,
  challCA: fresh20,
  regFormID: RegFormID,
  regFormValues: RegFormValues,
  publicKeyS: PublicKeyInfo,
  publicKeyE: PublicKeyInfo,
});

/** The secret of the merchant's EncX: {MerchantID, MerchantSecret, EXNonce} (SET.md 4.2 step 3). */
export const MerchantAcctInfo = sequence('MerchantAcctInfo', { merchantID: MerchantID, merchantSecret: fresh20, exNonce: fresh20 });

/** The merchant's CertResData, the t of CertRes's S(MCA, t); certificates only when issued (SET.md 4.2 step 4). */
export const MerchantCertResData = sequence('MerchantCertResData', {
  rrpid: fresh20,
  lidEE: localId,
  challEE3: fresh20,
  lidCA: localId,
  caStatus: CAStatus,
  certS: optional(0, Certificate),
  certE: optional(1, Certificate),
});
