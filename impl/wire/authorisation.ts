/**
 * The plaintexts of authorisation (SET.md 5.4-5.6): AuthReq's and AuthRes's enveloped data
 * and the capture token only the gateway can open.
 */
import { Amount, fresh20, hash32, MerchantID, OrderDescription, TransID } from './common.ts';
import { choice, oneOf, optional, sequence, utf8, type CodecValue } from './schema.ts';

/** AuthCode: the issuer's approval code (SET.md 5.5). */
export const AuthCode = utf8({ min: 1, max: 32, pattern: /^[0-9A-Za-z-]{1,32}$/ });

/** DeclineReason: why the issuer declined (SET.md 5.5). */
export const DECLINE_REASONS = ['unknown-card', 'expired', 'insufficient-credit', 'blocked'] as const;
export const DeclineReason = oneOf(DECLINE_REASONS);

/** HoldRef: the issuer's reference of the hold it placed (SET.md 5.5, 6.3). */
export const HoldRef = utf8({ min: 1, max: 64 });

/**
 * AuthReqData = {TransID, RRPID, MerchantID, AuthReqAmt, H(OIData), HOD} (SET.md 5.4);
 * OD is added by `od-to-gateway` (SET.md section 10).
 */
export const AuthReqData = sequence('AuthReqData', {
  transID: TransID,
  rrpid: fresh20,
  merchantID: MerchantID,
  authReqAmt: Amount,
  oiDataHash: hash32,
  hod: hash32,
  od: optional(0, OrderDescription),
});
export type AuthReqData = CodecValue<typeof AuthReqData>;

/** AuthCode | DeclineReason: the issuer's decision as carried in AuthResData (SET.md 5.6). */
export const AuthDecision = choice('AuthDecision', { approved: [0, AuthCode], declined: [1, DeclineReason] });
export type AuthDecision = CodecValue<typeof AuthDecision>;

/**
 * AuthResData = {TransID, RRPID, MerchantID, AuthAmt, AuthCode | DeclineReason} (SET.md 5.6);
 * MerchantID is removed by `authres-without-merchant` (SET.md section 10).
 */
export const AuthResData = sequence('AuthResData', {
  transID: TransID,
  rrpid: fresh20,
  merchantID: optional(0, MerchantID),
  authAmt: Amount,
  decision: AuthDecision,
});
export type AuthResData = CodecValue<typeof AuthResData>;

/** CapTokenData = {TokenID, TransID, MerchantID, AuthAmt, AuthCode, HoldRef}, sealed by Enc(P, P, ...) (SET.md 5.6). */
export const CapTokenData = sequence('CapTokenData', {
  tokenID: fresh20,
  transID: TransID,
  merchantID: MerchantID,
  authAmt: Amount,
  authCode: AuthCode,
  holdRef: HoldRef,
});
export type CapTokenData = CodecValue<typeof CapTokenData>;
