/**
 * CapReq at the gateway (SET.md 6.2-6.4; seed step 11): the message checks, then item by item
 * the token checks, each with its own code; every captured item is cleared (6.3, section 7),
 * and CapRes answers with the codes.
 */
import { baggageMatches, openSigned, openWithBaggage, signAndSeal } from '../../crypto/envelope.ts';
import { verifySigned } from '../../crypto/signature.ts';
import type { CheckLog } from '../../protocol/check-log.ts';
import type { CapTokenData } from '../../wire/authorisation.ts';
import type { Envelope } from '../../wire/blobs.ts';
import { CapTokens, type CapReqData } from '../../wire/capture.ts';
import { decode, describeMalformed } from '../../wire/codec.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import type { MessageBody } from '../../wire/messages.ts';
import { outbound, type Handled } from '../party.ts';
import { formatTransID, hex, localIdText, sameTransID, type CapCode } from '../values.ts';
import { checkMerchant } from './merchant-check.ts';
import type { GatewaySelf } from './self.ts';

export async function onCapReq(p: GatewaySelf, body: MessageBody<'CapReq'>, from: string, log: CheckLog): Promise<Handled> {
  const { ctx, protocol } = p.env;
  const opened = await openWithBaggage(ctx, p.keyExchangeKeys.privateKey, body.envelope, 'CapReq.envelope');
  if (!opened.ok) return log.fail('CapReq envelope opens with our key-exchange key', 'malformed', describeMalformed(opened.error));
  // docs/decisions.md D10: SET.md names no check for CapReq's baggage hash, so it is part of opening.
  if (!(await baggageMatches(ctx, opened.value))) return log.fail('the CapTokens beside the envelope are the ones whose hash M signed', 'malformed');
  const data = decodeData('CapReqData', opened.value.content, protocol.wire, 'CapReq.envelope.CapReqData');
  if (!data.ok) return log.fail('decode CapReqData', 'malformed', describeMalformed(data.error));
  const tokens = decode(CapTokens, opened.value.baggage, 'CapReq.envelope.baggage');
  if (!tokens.ok) return log.fail('decode CapTokens', 'malformed', describeMalformed(tokens.error));
  if (tokens.value.length !== data.value.items.length) return log.fail('one token per item', 'malformed', `${data.value.items.length} items, ${tokens.value.length} tokens`);
  log.pass('CapReq envelope opens with our key-exchange key');
  const replay = log.require('RRPID not answered before', !p.records.consumed.seen(data.value.rrpid), 'replay');
  if (replay) return replay;
  const merchant = await checkMerchant(p, log, { merchantCertS: body.merchantCertS, merchantCertE: body.merchantCertE, signed: opened.value.signed, merchantID: data.value.merchantID, what: 'CapReq' });
  if (!merchant.ok) return merchant.error;

  // Accepted as a message; now each item on its own (SET.md 6.2), none stopping the others.
  p.records.consumed.consume(data.value.rrpid);
  const codes: CapCode[] = [];
  const answers = [];
  for (const [index, item] of data.value.items.entries()) {
    const code = await captureItem(p, log, data.value, index, tokens.value[index]!);
    codes.push(code.code);
    answers.push({ transID: item.transID, capCode: code.code, capAmt: { currency: item.capReqAmt.currency, minorUnits: code.code === 'captured' ? item.capReqAmt.minorUnits : 0 } });
  }
  const content = encodeData('CapResData', { rrpid: data.value.rrpid, merchantID: data.value.merchantID, items: answers });
  const envelope = await signAndSeal(ctx, p.signatureKeys.privateKey, merchant.value.certE.publicKey, content);
  return { sent: [outbound(from, { kind: 'CapRes', value: { envelope, gatewayCertS: p.certS } })], items: codes };
}

/** One item: the token opens and is ours, is bound to the item and the signer, was never captured, covers the amount. */
async function captureItem(p: GatewaySelf, log: CheckLog, data: CapReqData, index: number, token: Envelope): Promise<{ code: CapCode }> {
  const { ctx, protocol } = p.env;
  const { rules } = protocol;
  const item = data.items[index]!;
  const label = `item ${index + 1}`;
  const opened = await openSigned(ctx, p.keyExchangeKeys.privateKey, token, `CapReq.tokens[${index}]`);
  const decoded = opened.ok ? decodeData('CapTokenData', opened.value.content, protocol.wire, `CapReq.tokens[${index}]`) : null;
  const ours = opened.ok && decoded?.ok === true && (await verifySigned(ctx, p.signatureKeys.publicKey, opened.value, 'CapToken')) === null;
  if (!ours || !decoded?.ok) return itemCode(log, label, 'the token opens with our key and carries our signature', 'bad-token');
  log.pass(`${label}: the token opens with our key and carries our signature`);
  const tokenData: CapTokenData = decoded.value;
  const binding = "the token's TransID and MerchantID are the item's and the signer's";
  if (rules.tokenBound) {
    const bound = sameTransID(tokenData.transID, item.transID) && tokenData.merchantID === data.merchantID;
    if (!bound) return itemCode(log, label, binding, 'bad-token');
    log.pass(`${label}: ${binding}`);
  } else log.skipped(`${label}: ${binding}`, 'token-not-bound');
  if (p.records.capturedTokens.seen(tokenData.tokenID)) return itemCode(log, label, 'TokenID never captured', 'duplicate');
  log.pass(`${label}: TokenID never captured`);
  const within = item.capReqAmt.currency === tokenData.authAmt.currency && item.capReqAmt.minorUnits <= tokenData.authAmt.minorUnits;
  if (rules.captureWithinAuthorisation) {
    if (!within) return itemCode(log, label, 'CapReqAmt <= AuthAmt', 'over-authorised');
    log.pass(`${label}: CapReqAmt <= AuthAmt`);
  } else log.skipped(`${label}: CapReqAmt <= AuthAmt`, 'capture-over-authorisation');

  // Captured: clearing of SET.md 6.3 and section 7; the money goes to the signer of the CapReq.
  const amount = item.capReqAmt.minorUnits;
  const memo = `capture ${formatTransID(tokenData.transID)} for ${data.merchantID}`;
  p.records.capturedTokens.consume(tokenData.tokenID);
  p.network.clear({ holdRef: tokenData.holdRef, amount, merchantId: data.merchantID, memo });
  const decision = p.records.decisions.get(localIdText(tokenData.transID.lidC))?.get(tokenData.merchantID);
  if (decision) decision.captured += amount;
  p.env.log.append({ kind: 'capture', by: p.name, merchantId: data.merchantID, transId: formatTransID(tokenData.transID), tokenId: hex(tokenData.tokenID), holdRef: tokenData.holdRef, amount, code: 'captured' });
  log.pass(`${label}: captured ${amount}`);
  return { code: 'captured' };
}

function itemCode(log: CheckLog, label: string, check: string, code: CapCode): { code: CapCode } {
  log.entries.push({ check: `${label}: ${check}`, passed: false, detail: code });
  return { code };
}
