/**
 * AuthReq at the gateway (SET.md 5.5-5.6; seed steps 7-8): every check of 5.5 in its order,
 * then the issuer's decision, the capture token, and the AuthRes.
 */
import { bytesEqual, hash } from '../../crypto/digest.ts';
import { verifyDualSignature } from '../../crypto/dual-signature.ts';
import { baggageMatches, openWithBaggage, signAndSeal, signAndSealWithBaggage } from '../../crypto/envelope.ts';
import { contentHashMatches, openExtra, secretHashMatches } from '../../crypto/extra-encryption.ts';
import { uniqueCardholderId } from '../../crypto/set-values.ts';
import { verifyDetached } from '../../crypto/signature.ts';
import { cardholderCommonName } from '../../pki/certificate-authority.ts';
import type { CheckLog, Rejection } from '../../protocol/check-log.ts';
import { err, ok, type Result } from '../../result.ts';
import type { AuthReqData, AuthResData } from '../../wire/authorisation.ts';
import { Envelope } from '../../wire/blobs.ts';
import { decode, describeMalformed, encode, type Decoded } from '../../wire/codec.ts';
import type { TransID } from '../../wire/common.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import type { MessageBody } from '../../wire/messages.ts';
import { PI, type PIHead } from '../../wire/purchase.ts';
import { checkCertificate } from '../certificates.ts';
import { outbound, type Handled } from '../party.ts';
import { formatAmount, formatTransID, fresh, hex, localIdText, sameTransID } from '../values.ts';
import { checkMerchant, type CheckedMerchant } from './merchant-check.ts';
import type { GatewaySelf } from './self.ts';
import { decisionKey } from './state.ts';

/** What P learnt from the PI once it opened and checked it. */
interface CheckedPI {
  readonly piHead: PIHead;
  readonly pan: string;
  readonly cardExpiry: string;
  /** The cardholder, as the certificate names it (`unsigned` for the unsigned form). */
  readonly cardholder: string;
  /** H(OIData) as the PI carries it (absent under no-dual-signature). */
  readonly oiDataHash?: Uint8Array;
  /** H(PIData), or H({PIHead, PANToken}) in the unsigned form: the PI as the cardholder hashed it. */
  readonly piHash: Uint8Array;
}

export async function onAuthReq(p: GatewaySelf, body: MessageBody<'AuthReq'>, from: string, log: CheckLog): Promise<Handled> {
  const { ctx, protocol } = p.env;
  const { rules } = protocol;
  // (1) The envelope opens with our key-exchange key.
  const opened = await openWithBaggage(ctx, p.keyExchangeKeys.privateKey, body.envelope, 'AuthReq.envelope');
  if (!opened.ok) return log.fail('AuthReq envelope opens with our key-exchange key', 'malformed', describeMalformed(opened.error));
  const decoded = decodeData('AuthReqData', opened.value.content, protocol.wire, 'AuthReq.envelope.AuthReqData');
  if (!decoded.ok) return log.fail('decode AuthReqData', 'malformed', describeMalformed(decoded.error));
  log.pass('AuthReq envelope opens with our key-exchange key');
  const data = decoded.value;
  // (2) Freshness: this (MerchantID, XID) never reached a decision; the RRPID is new.
  const key = decisionKey(data.merchantID, hex(data.transID.xid));
  const replay =
    log.require('RRPID not seen before', !p.records.consumed.seen(data.rrpid), 'replay') ??
    log.require('(MerchantID, XID) never reached a decision', !p.records.decided.seen(key), 'replay');
  if (replay) return replay;
  // (4) The checks of 5.5 in order.
  const piHash = log.require('the baggage hash matches the PI', await baggageMatches(ctx, opened.value), 'mismatch:pi-hash');
  if (piHash) return piHash;
  // The PI's extra encryption is opened while the merchant is checked (its outcome still counts
  // only after the merchant's checks, in SET.md 5.5's order): the RSA operations overlap.
  const piOpening = openPI(p, opened.value.baggage);
  const merchant = await checkMerchant(p, log, { merchantCertS: body.merchantCertS, merchantCertE: body.merchantCertE, signed: opened.value.signed, merchantID: data.merchantID, what: 'AuthReq' });
  if (!merchant.ok) return merchant.error;
  const pi = await checkPI(p, log, await piOpening, body.cardholderCertS);
  if (!pi.ok) return pi.error;
  const { piHead } = pi.value;
  const amountOk = data.authReqAmt.currency === piHead.purchAmt.currency && data.authReqAmt.minorUnits <= piHead.purchAmt.minorUnits;
  const failed =
    (pi.value.oiDataHash ? log.require("the PI's H(OIData) equals the AuthReq's", bytesEqual(pi.value.oiDataHash, data.oiDataHash), 'mismatch:oi-hash') : null) ??
    log.require('TransID equal in PIHead and AuthReq', sameTransID(piHead.transID, data.transID), 'mismatch:transid') ??
    log.require('HOD equal in PIHead and AuthReq', bytesEqual(piHead.hod, data.hod), 'mismatch:hod') ??
    (rules.merchantInPaymentInstruction
      ? log.require('MerchantID equal in PIHead and AuthReq', piHead.merchantID === data.merchantID, 'mismatch:merchant')
      : (log.skipped('MerchantID equal in PIHead and AuthReq', 'pi-without-merchant'), null)) ??
    (rules.gatewayChecksAmount
      ? log.require('AuthReqAmt <= PurchAmt of PIHead, same currency', amountOk, 'mismatch:amount')
      : (log.skipped('AuthReqAmt <= PurchAmt of PIHead', 'gateway-ignores-amount'), null));
  if (failed) return failed;

  // Accepted: P commits, before asking the issuer (SET.md 12).
  const transId = formatTransID(data.transID);
  p.env.log.append({
    kind: 'commit',
    by: p.name,
    goal: 'gateway-agrees-with-cardholder',
    form: pi.value.cardholder === 'unsigned' ? 'unsigned' : 'signed',
    values: { C: pi.value.cardholder, M: data.merchantID, TransID: transId, PurchAmt: formatAmount(piHead.purchAmt), HOD: hex(data.hod), 'H(OIData)': hex(data.oiDataHash) },
  });
  p.env.log.append({
    kind: 'commit',
    by: p.name,
    goal: 'gateway-agrees-with-merchant',
    form: pi.value.cardholder === 'unsigned' ? 'unsigned' : 'signed',
    values: { M: data.merchantID, TransID: transId, AuthReqAmt: formatAmount(data.authReqAmt), HOD: hex(data.hod), 'H(OIData)': hex(data.oiDataHash) },
  });
  return decide(p, data, pi.value, merchant.value, from, key);
}

interface OpenedPI {
  readonly pi: Decoded<PI>;
  readonly opened: Awaited<ReturnType<typeof openExtra>> | null;
}

/** Decodes the PI and opens its extra encryption; nothing is judged here (checkPI does, in order). */
async function openPI(p: GatewaySelf, baggage: Uint8Array): Promise<OpenedPI> {
  const pi = decode(PI, baggage, 'AuthReq.envelope.baggage');
  if (!pi.ok) return { pi, opened: null };
  const signedForm = pi.value.kind === 'signed';
  const ex = pi.value.kind === 'signed' ? pi.value.value.ex : pi.value.value;
  return { pi, opened: await openExtra(p.env.ctx, p.keyExchangeKeys.privateKey, ex, 'PI', !signedForm) };
}

/** SET.md 5.5, the PI's part: it opens, its hashes match, and (signed form) the dual signature and cardholder id. */
async function checkPI(p: GatewaySelf, log: CheckLog, openedPI: OpenedPI, cardholderCertS: Uint8Array | undefined): Promise<Result<CheckedPI, Rejection>> {
  const { ctx, protocol } = p.env;
  const decodedPI = openedPI.pi;
  if (!decodedPI.ok) return err(log.fail('the PI decodes', 'malformed', describeMalformed(decodedPI.error)));
  const pi = decodedPI.value;
  const signedForm = pi.kind === 'signed';
  const opened = openedPI.opened!;
  if (!opened.ok) return err(log.fail("the PI's extra encryption opens with our key-exchange key", 'malformed', describeMalformed(opened.error)));
  const link = signedForm ? decodeData('PIOILink', opened.value.content, protocol.wire, 'PI.PIOILink') : decodeData('PIOILinkUnsigned', opened.value.content, protocol.wire, 'PI.PIOILinkUnsigned');
  const panBytes = opened.value.secret;
  const pans = signedForm ? decodeData('PANData', panBytes, protocol.wire, 'PI.PANData') : decodeData('PANToken', panBytes, protocol.wire, 'PI.PANToken');
  if (!link.ok) return err(log.fail('the PI content decodes', 'malformed', describeMalformed(link.error)));
  if (!pans.ok) return err(log.fail('the PAN data decodes', 'malformed', describeMalformed(pans.error)));
  log.pass("the PI's extra encryption opens with our key-exchange key");
  const panHash = log.require('H(PAN data) inside the PI matches', await secretHashMatches(ctx, opened.value), 'mismatch:pan-hash');
  if (panHash) return err(panHash);
  const piHead = link.value.piHead;
  const { pan, cardExpiry } = pans.value;

  if (!signedForm) {
    const bound = log.require('H({PIHead, H(OIData)}) in the OAEP block matches', await contentHashMatches(ctx, opened.value, opened.value.content), 'mismatch:pi-hash');
    if (bound) return err(bound);
    const piHash = await hash(ctx, encodeData('PIUnsignedData', { piHead, panToken: pans.value as { pan: string; cardExpiry: string; exNonce: Uint8Array } }));
    return ok({ piHead, pan, cardExpiry, cardholder: 'unsigned', oiDataHash: link.value.oiDataHash!, piHash });
  }

  if (!cardholderCertS) return err(log.fail('CertS(C) accompanies a signed PI', 'malformed', 'AuthReq.cardholderCertS: missing for a signed PI'));
  const cert = await checkCertificate(p.env, { kind: 'gateway', name: p.name }, log, { label: 'CertS(C)', der: cardholderCertS, role: 'cardholder', usage: 'signature' });
  if (!cert.ok) return cert;
  const panData = pans.value as { pan: string; cardExpiry: string; panSecret: Uint8Array; exNonce: Uint8Array };
  const piBytes = encodeData('PIData', { piHead, panData });
  const piHash = await hash(ctx, piBytes);
  const oiDataHash = link.value.oiDataHash;
  let signatureOk: boolean;
  let what: string;
  if (protocol.rules.dualSignature) {
    what = 'dual signature over {H(PIData) computed, H(OIData) from the PI}';
    signatureOk = oiDataHash !== undefined && (await verifyDualSignature(ctx, cert.value.publicKey, pi.value.ds, { piDataHash: piHash, oiDataHash }));
  } else {
    // no-dual-signature: C signed PIData on its own; H(OIData) comes from the AuthReq.
    what = "C's signature over PIData (no-dual-signature)";
    signatureOk = await verifyDetached(ctx, cert.value.publicKey, piBytes, pi.value.ds);
  }
  const expectedId = cardholderCommonName(await uniqueCardholderId(ctx, panData, panData.panSecret));
  const failed =
    log.require(what, signatureOk, 'bad-signature') ??
    log.require("UniqueCardholderID = HMAC({PAN, CardExpiry}, PANSecret) is the certificate's", expectedId === cert.value.commonName, 'mismatch:cardholder-id');
  if (failed) return err(failed);
  return ok({ piHead, pan, cardExpiry, cardholder: p.env.names.subjectName(cert.value.commonName), piHash, ...(oiDataHash ? { oiDataHash } : {}) });
}

/** SET.md 5.5 (the issuer's decision) and 5.6 (AuthRes, with a capture token on approval). */
async function decide(p: GatewaySelf, data: AuthReqData, pi: CheckedPI, merchant: CheckedMerchant, to: string, key: string): Promise<Handled> {
  const { ctx, protocol } = p.env;
  const answer = p.network.issuer.authorise(
    { pan: pi.pan, cardExpiry: pi.cardExpiry, amount: data.authReqAmt.minorUnits, merchantId: data.merchantID, xid: hex(data.transID.xid) },
    p.env.clock(),
  );
  p.records.decided.consume(key);
  p.records.consumed.consume(data.rrpid);
  const authAmt = { currency: data.authReqAmt.currency, minorUnits: answer.approved ? data.authReqAmt.minorUnits : 0 };
  let resData: AuthResData = {
    transID: data.transID,
    rrpid: data.rrpid,
    ...(protocol.rules.merchantInAuthResponse ? { merchantID: data.merchantID } : {}),
    authAmt,
    decision: answer.approved ? { kind: 'approved', value: answer.authCode } : { kind: 'declined', value: answer.reason },
  };
  resData = protocol.hooks.authResData(resData);
  const purchase = localIdText(data.transID.lidC);
  recordDecision(p, purchase, data.merchantID, { decision: answer.approved ? 'approved' : 'declined', authAmt: authAmt.minorUnits, captured: 0 });
  p.env.log.append({
    kind: 'decision',
    by: p.name,
    merchantId: data.merchantID,
    transId: formatTransID(data.transID),
    purchase,
    approved: answer.approved,
    authAmt: authAmt.minorUnits,
    purchAmt: pi.piHead.purchAmt.minorUnits,
    cardholder: pi.cardholder,
    card: answer.account,
    piHash: hex(pi.piHash),
    ...(answer.approved ? { authCode: answer.authCode, holdRef: answer.holdRef } : { reason: answer.reason }),
  });
  p.env.log.append({
    kind: 'running',
    by: p.name,
    goal: 'merchant-agrees-with-gateway',
    form: pi.cardholder === 'unsigned' ? 'unsigned' : 'signed',
    values: {
      M: data.merchantID,
      P: p.name,
      TransID: formatTransID(data.transID),
      AuthAmt: formatAmount(authAmt),
      Decision: answer.approved ? `approved ${answer.authCode}` : `declined ${answer.reason}`,
    },
  });

  const content = encodeData('AuthResData', resData);
  const merchantKey = merchant.certE.publicKey;
  if (!answer.approved) {
    const envelope = await signAndSeal(ctx, p.signatureKeys.privateKey, merchantKey, content);
    return { sent: [outbound(to, { kind: 'AuthRes', value: { result: { kind: 'declined', value: envelope }, gatewayCertS: p.certS } })] };
  }
  const token = await capToken(p, { tokenID: fresh(ctx), transID: data.transID, merchantID: data.merchantID, authAmt, authCode: answer.authCode, holdRef: answer.holdRef });
  const envelope = await signAndSealWithBaggage(ctx, p.signatureKeys.privateKey, merchantKey, content, encode(Envelope, token));
  return { sent: [outbound(to, { kind: 'AuthRes', value: { result: { kind: 'approved', value: envelope }, gatewayCertS: p.certS } })] };
}

/** CapToken = Enc(P, P, {TokenID, TransID, MerchantID, AuthAmt, AuthCode, HoldRef}): only P opens it. */
async function capToken(p: GatewaySelf, data: { tokenID: Uint8Array; transID: TransID; merchantID: string; authAmt: { currency: string; minorUnits: number }; authCode: string; holdRef: string }): Promise<Envelope> {
  return signAndSeal(p.env.ctx, p.signatureKeys.privateKey, p.keyExchangeKeys.publicKey, encodeData('CapTokenData', data));
}

function recordDecision(p: GatewaySelf, purchase: string, merchantId: string, decision: { decision: 'approved' | 'declined'; authAmt: number; captured: number }): void {
  let byMerchant = p.records.decisions.get(purchase);
  if (!byMerchant) p.records.decisions.set(purchase, (byMerchant = new Map()));
  byMerchant.set(merchantId, decision);
}
