/** The plaintexts of capture (SET.md 6.1, 6.4): the batch, its tokens and the per-item answer. */
import { Amount, fresh20, MerchantID, TransID } from './common.ts';
import { Envelope } from './blobs.ts';
import { oneOf, sequence, sequenceOf, type CodecValue } from './schema.ts';

/** The most items one CapReq carries (a batch holds one or more purchases, SET.md 6.1). */
export const MAX_CAPTURE_ITEMS = 1000;

/** One item of CapReqData: {TransID, CapReqAmt} (SET.md 6.1). */
export const CapReqItem = sequence('CapReqItem', { transID: TransID, capReqAmt: Amount });

/** CapReqData = {RRPID, MerchantID, Items} (SET.md 6.1). */
export const CapReqData = sequence('CapReqData', {
  rrpid: fresh20,
  merchantID: MerchantID,
  items: sequenceOf(CapReqItem, { min: 1, max: MAX_CAPTURE_ITEMS }),
});
export type CapReqData = CodecValue<typeof CapReqData>;

/** CapTokens: the items' tokens, each Enc(P, P, CapTokenData), in item order; CapReq's baggage (SET.md 6.1). */
export const CapTokens = sequenceOf(Envelope, { min: 1, max: MAX_CAPTURE_ITEMS });

/** CapCode: the gateway's answer for one item (SET.md 6.2, 6.4). */
export const CAP_CODES = ['captured', 'duplicate', 'over-authorised', 'bad-token'] as const;
export const CapCode = oneOf(CAP_CODES);

/** One item of CapResData: {TransID, CapCode, CapAmt} (SET.md 6.4). */
export const CapResItem = sequence('CapResItem', { transID: TransID, capCode: CapCode, capAmt: Amount });

/** CapResData = {RRPID, MerchantID, [{TransID, CapCode, CapAmt}, ...]} (SET.md 6.4). */
export const CapResData = sequence('CapResData', {
  rrpid: fresh20,
  merchantID: MerchantID,
  items: sequenceOf(CapResItem, { min: 1, max: MAX_CAPTURE_ITEMS }),
});
export type CapResData = CodecValue<typeof CapResData>;
