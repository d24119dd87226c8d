/**
 * The purchase, the merchant's side (SET.md 5.1-5.4, 5.7-5.9; seed steps 4-7, 9-10): the
 * order agreed while shopping, PInitRes, the checks of PReq and the AuthReq that follows,
 * PRes, inquiries and fulfilment.
 */
import { bytesEqual, hash } from '../../crypto/digest.ts';
import { verifyDualSignature } from '../../crypto/dual-signature.ts';
import { signAndSealWithBaggage } from '../../crypto/envelope.ts';
import { hashedOrderDescription, thumbprint } from '../../crypto/set-values.ts';
import { sign, verifyDetached } from '../../crypto/signature.ts';
import { importCertificateKey } from '../../pki/pki-cache.ts';
import { parseCertificate } from '../../pki/certificate-parser.ts';
import { SetVerifyError } from '../../errors.ts';
import type { CheckLog, Rejection } from '../../protocol/check-log.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Amount, OrderDescription } from '../../wire/common.ts';
import { describeMalformed } from '../../wire/codec.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import type { MessageBody } from '../../wire/messages.ts';
import { PI } from '../../wire/purchase.ts';
import { encode } from '../../wire/schema.ts';
import { checkCertificate } from '../certificates.ts';
import { requireSignature } from '../checks.ts';
import { outbound, type Handled, type Outbound } from '../party.ts';
import { formatAmount, formatTransID, fresh, hex, localId, localIdText } from '../values.ts';
import type { MerchantSelf } from './self.ts';
import type { AcceptedPReq, Order } from './state.ts';

/** Step 4, outside SET: the order (OD, PurchAmt) agreed under LID_M = the purchase id. */
export function agreeOrder(m: MerchantSelf, id: string, order: { od: OrderDescription; purchAmt: Amount }): string {
  if (m.records.orders.has(id)) throw new SetVerifyError('duplicate-order', `${m.name} already agreed an order ${id}`);
  m.records.orders.set(id, {
    id,
    lidM: localId(id),
    od: order.od,
    purchAmt: order.purchAmt,
    status: 'agreed',
    fulfilled: false,
    authAmt: null,
    captured: 0,
    captureRequested: false,
    sentAuthorised: false,
  });
  return id;
}

const orderByLid = (m: MerchantSelf, lidM: Uint8Array): Order | undefined => m.records.orders.get(localIdText(lidM));

/** SET.md 5.1-5.2: M takes a PInitReq for an agreed order with no purchase started, and answers PInitRes. */
export async function onPInitReq(m: MerchantSelf, body: MessageBody<'PInitReq'>, from: string, log: CheckLog): Promise<Handled> {
  const replay = log.require('RRPID not seen before', !m.records.consumed.seen(body.rrpid), 'replay');
  if (replay) return replay;
  const order = orderByLid(m, body.lidM);
  const certificates = m.records.certificates;
  const unexpected =
    log.require('we hold merchant certificates and run purchase initiation', certificates !== null && m.env.protocol.rules.purchaseInitiation, 'unexpected') ??
    log.require('LID_M names an agreed order with no purchase started', order?.status === 'agreed', 'unexpected');
  if (unexpected) return unexpected;

  // Accepted: a fresh XID and Chall_M; PEThumb names our gateway's key-exchange certificate.
  const { ctx } = m.env;
  const transID = { lidC: body.lidC, lidM: body.lidM, xid: fresh(ctx) };
  const challM = fresh(ctx);
  const content = encodeData('PInitResData', { transID, rrpid: body.rrpid, challC: body.challC, challM, peThumb: await thumbprint(ctx, m.gateway.certE) });
  const signed = await sign(ctx, certificates!.keys.signature.pair.privateKey, content);
  m.records.consumed.consume(body.rrpid);
  Object.assign(order!, { status: 'initiated', transID, challC: body.challC, challM });
  m.records.byXid.set(hex(transID.xid), order!.id);
  return {
    sent: [outbound(from, { kind: 'PInitRes', value: { signed, merchantCertS: certificates!.certS, merchantCertE: certificates!.certE, gatewayCertE: m.gateway.certE } })],
  };
}

/**
 * SET.md 5.3, "M checks, in order": the TransID names a purchase it initiated with no PReq
 * yet; then the cardholder's certificate, the challenges, MerchantID, HOD and the dual
 * signature. Under `no-challenges` any PReq for an agreed order opens a new session.
 */
function orderForPReq(m: MerchantSelf, log: CheckLog, preq: MessageBody<'PReq'>): Result<Order, Rejection> {
  const { transID } = preq.oi.oiData;
  if (!m.env.protocol.rules.merchantRecordsPReqs) {
    // docs/decisions.md D12: each PReq for an agreed order (re)starts that order's session.
    const order = orderByLid(m, transID.lidM);
    if (!order) return err(log.fail('LID_M names an agreed order (no-challenges: no record of PReqs)', 'unexpected'));
    log.pass('LID_M names an agreed order (no record of PReqs: no-challenges)');
    return ok(order);
  }
  const id = m.records.byXid.get(hex(transID.xid));
  const order = id === undefined ? undefined : m.records.orders.get(id);
  if (!order) return err(log.fail('XID names a purchase we initiated', 'unexpected'));
  if (order.preq) return err(log.fail('no PReq accepted for this XID yet', 'replay'));
  if (order.status !== 'initiated') return err(log.fail('the purchase waits for its PReq', 'unexpected'));
  const sameIds = bytesEqual(order.transID!.lidC, transID.lidC) && bytesEqual(order.transID!.lidM, transID.lidM);
  const mismatch = log.require('TransID names a purchase we initiated with no PReq yet', sameIds, 'mismatch:transid');
  return mismatch ? err(mismatch) : ok(order);
}

export async function onPReq(m: MerchantSelf, body: MessageBody<'PReq'>, from: string, log: CheckLog): Promise<Handled> {
  const { ctx, protocol } = m.env;
  const { rules } = protocol;
  const { oiData, piDataHash } = body.oi;
  // Under no-challenges M keeps no record of PReqs, their RRPIDs included (SET.md 10).
  const recordsPReqs = rules.merchantRecordsPReqs;
  const replay = recordsPReqs ? log.require('RRPID not seen before', !m.records.consumed.seen(oiData.rrpid), 'replay') : null;
  if (replay) return replay;
  const found = orderForPReq(m, log, body);
  if (!found.ok) return found.error;
  const order = found.value;

  const signedForm = body.pi.kind === 'signed';
  let cardholderKey: CryptoKey | null = null;
  let cardholder = 'unsigned';
  if (signedForm) {
    const cert = await checkCertificate(m.env, { kind: 'merchant', name: m.name }, log, { label: 'CertS(C)', der: body.cardholderCertS!, role: 'cardholder', usage: 'signature' });
    if (!cert.ok) return cert.error;
    cardholderKey = cert.value.publicKey;
    cardholder = m.env.names.subjectName(cert.value.commonName);
  }
  const oiBytes = encodeData('OIData', oiData);
  const oiDataHash = await hash(ctx, oiBytes);
  const hodOk = bytesEqual(await hashedOrderDescription(ctx, { od: order.od, purchAmt: order.purchAmt, odSalt: oiData.odSalt }), oiData.hod);
  const challengesOk = !rules.challenges || (!!oiData.challC && !!oiData.challM && bytesEqual(oiData.challC, order.challC!) && bytesEqual(oiData.challM, order.challM!));
  const failed =
    (rules.challenges ? log.require("Chall_C and Chall_M are this purchase's", challengesOk, 'mismatch:challenge') : null) ??
    (rules.merchantInOrder ? log.require('MerchantID in OIData is ours', oiData.merchantID === m.name, 'mismatch:merchant') : null) ??
    log.require('HOD is the hash of the order agreed for LID_M with the given ODSalt', hodOk, 'mismatch:hod') ??
    (signedForm ? await checkCardholderSignature(m, log, body, cardholderKey!, piDataHash, oiDataHash, oiBytes) : null);
  if (failed) return failed;

  // Accepted: M commits to the cardholder and asks for authorisation at once (SET.md 5.3-5.4).
  const preq: AcceptedPReq = {
    rrpid: oiData.rrpid,
    customer: from,
    signed: signedForm,
    ...(signedForm ? { cardholderCertS: body.cardholderCertS! } : {}),
    cardholder,
    ...(oiData.challC ? { challC: oiData.challC } : {}),
    hod: oiData.hod,
    piDataHash,
    oiDataHash,
  };
  const transID = oiData.transID;
  m.env.log.append({
    kind: 'commit',
    by: m.name,
    goal: 'merchant-agrees-with-cardholder',
    form: signedForm ? 'signed' : 'unsigned',
    values: { C: cardholder, M: m.name, TransID: formatTransID(transID), PurchAmt: formatAmount(order.purchAmt), HOD: hex(oiData.hod), 'H(PIData)': hex(piDataHash), 'H(OIData)': hex(oiDataHash) },
  });
  const authReq = await buildAuthReq(m, order, { ...preq, transID, pi: body.pi });
  if (recordsPReqs) m.records.consumed.consume(oiData.rrpid);
  Object.assign(order, { status: 'requested', preq, transID, authReqAmt: order.purchAmt, authAmt: null, sentAuthorised: false });
  m.records.byXid.set(hex(transID.xid), order.id);
  return { sent: [authReq] };
}

/** The dual signature over {H(PIData) as given, H(OIData) as computed}, or the variants' replacements. */
async function checkCardholderSignature(
  m: MerchantSelf,
  log: CheckLog,
  body: MessageBody<'PReq'>,
  key: CryptoKey,
  piDataHash: Uint8Array,
  oiDataHash: Uint8Array,
  oiBytes: Uint8Array,
): Promise<Rejection | null> {
  const { rules } = m.env.protocol;
  if (!rules.merchantVerifiesDualSignature) {
    log.skipped('dual signature over {H(PIData) as given, H(OIData) computed}', 'merchant-skips-dual-signature');
    return null;
  }
  if (!rules.dualSignature) {
    // no-dual-signature: C signed OIData on its own; M checks that signature.
    const ok = body.oi.oiSignature !== undefined && (await verifyDetached(m.env.ctx, key, oiBytes, body.oi.oiSignature));
    return log.require("C's signature over OIData (no-dual-signature)", ok, 'bad-signature');
  }
  if (body.pi.kind !== 'signed') return null;
  const ok = await verifyDualSignature(m.env.ctx, key, body.pi.value.ds, { piDataHash, oiDataHash });
  return log.require('dual signature over {H(PIData) as given, H(OIData) computed}', ok, 'bad-signature');
}

/** SET.md 5.4: AuthReq = EncB(M, P, AuthReqData, PI) with CertS(M), CertE(M) and (signed form) CertS(C). */
async function buildAuthReq(m: MerchantSelf, order: Order, preq: AcceptedPReq & { transID: NonNullable<Order['transID']>; pi: MessageBody<'PReq'>['pi'] }): Promise<Outbound> {
  const { ctx, protocol } = m.env;
  const rrpid = fresh(ctx);
  let data = {
    transID: preq.transID,
    rrpid,
    merchantID: m.name,
    authReqAmt: order.purchAmt,
    oiDataHash: preq.oiDataHash,
    hod: preq.hod,
    ...(protocol.rules.orderKeptFromGateway ? {} : { od: order.od }),
  };
  data = protocol.hooks.authReqData(data, { od: order.od });
  const gatewayKey = await gatewayKeyOf(m);
  const envelope = await signAndSealWithBaggage(ctx, m.records.certificates!.keys.signature.pair.privateKey, gatewayKey, encodeData('AuthReqData', data), encode(PI, preq.pi));
  m.records.requests.open(rrpid, { kind: 'authorisation', purchase: order.id });
  m.env.log.append({
    kind: 'running',
    by: m.name,
    goal: 'gateway-agrees-with-merchant',
    form: preq.signed ? 'signed' : 'unsigned',
    values: { M: m.name, TransID: formatTransID(preq.transID), AuthReqAmt: formatAmount(data.authReqAmt), HOD: hex(preq.hod), 'H(OIData)': hex(preq.oiDataHash) },
  });
  const certificates = m.records.certificates!;
  return outbound(m.gateway.name, {
    kind: 'AuthReq',
    value: {
      envelope,
      merchantCertS: certificates.certS,
      merchantCertE: certificates.certE,
      ...(preq.cardholderCertS ? { cardholderCertS: preq.cardholderCertS } : {}),
    },
  });
}

/** The key of M's own gateway, from the certificate it was configured with. */
export async function gatewayKeyOf(m: MerchantSelf): Promise<CryptoKey> {
  const parsed = parseCertificate(m.gateway.certE);
  const key = parsed.ok ? await importCertificateKey(m.env.ctx, hex(await thumbprint(m.env.ctx, m.gateway.certE)), parsed.value.spki, 'keyExchange') : null;
  if (!key) throw new SetVerifyError('bad-gateway-certificate', `${m.name}'s configured gateway certificate has no usable key`);
  return key;
}

/**
 * Opens an envelope to this merchant with the first of its key-exchange keys (newest first) that
 * opens it: an answer to a key of an earlier registration still reaches it. The last failure is
 * the answer when none opens; null when the merchant has no key-exchange key at all.
 */
export async function openWithAnyKey<T, E>(m: MerchantSelf, open: (key: CryptoKey) => Promise<Result<T, E>>): Promise<Result<T, E> | null> {
  let last: Result<T, E> | null = null;
  for (const key of [...m.records.exchangeKeys].reverse()) {
    last = await open(key);
    if (last.ok) return last;
  }
  return last;
}

/** SET.md 5.7: PRes = S(M, PResData) with CertS(M), for the order's current state. */
export async function buildPRes(m: MerchantSelf, order: Order, rrpid: Uint8Array, to: string): Promise<Outbound> {
  const preq = order.preq!;
  const completionCode = order.status === 'authorised' ? 'authorised' : order.status === 'declined' ? 'declined' : 'pending';
  const content = encodeData('PResData', {
    transID: order.transID!,
    rrpid,
    ...(m.env.protocol.rules.challenges && preq.challC ? { challC: preq.challC } : {}),
    hod: preq.hod,
    piDataHash: preq.piDataHash,
    completionCode,
    purchAmt: order.purchAmt,
    authAmt: completionCode === 'authorised' ? order.authAmt! : { currency: order.purchAmt.currency, minorUnits: 0 },
  });
  const signed = await sign(m.env.ctx, m.records.certificates!.keys.signature.pair.privateKey, content);
  if (completionCode === 'authorised' && !order.sentAuthorised) {
    order.sentAuthorised = true;
    m.env.log.append({
      kind: 'running',
      by: m.name,
      goal: 'cardholder-agrees-with-merchant',
      form: preq.signed ? 'signed' : 'unsigned',
      values: { C: preq.cardholder, M: m.name, TransID: formatTransID(order.transID!), HOD: hex(preq.hod), PurchAmt: formatAmount(order.purchAmt), 'H(PIData)': hex(preq.piDataHash) },
    });
  }
  return outbound(to, { kind: 'PRes', value: { signed, merchantCertS: m.records.certificates!.certS } });
}

/** SET.md 5.9: M answers an inquiry with a PRes for the current state; it changes no view. */
export async function onInqReq(m: MerchantSelf, body: MessageBody<'InqReq'>, from: string, log: CheckLog): Promise<Handled> {
  let data;
  if (body.kind === 'signed') {
    const decoded = decodeData('InqReqData', body.value.signed.content, m.env.protocol.wire, 'InqReq.signed.signed.content');
    if (!decoded.ok) return log.fail('decode InqReqData', 'malformed', describeMalformed(decoded.error));
    data = decoded.value;
  } else data = body.value;
  const replay = log.require('RRPID not seen before', !m.records.consumed.seen(data.rrpid), 'replay');
  if (replay) return replay;
  const id = m.records.byXid.get(hex(data.transID.xid));
  const order = id === undefined ? undefined : m.records.orders.get(id);
  const named = order?.preq !== undefined && formatTransID(order.transID!) === formatTransID(data.transID);
  const unexpected = log.require('TransID names a purchase that has a PReq', named, 'unexpected');
  if (unexpected) return unexpected;
  const preq = order!.preq!;
  if (body.kind === 'signed' || preq.signed) {
    const sameCert = body.kind === 'signed' && preq.signed && bytesEqual(body.value.cardholderCertS, preq.cardholderCertS!);
    const mismatch = log.require("the InqReq's certificate is the one of the purchase's PReq", sameCert, 'mismatch:cardholder-id');
    if (mismatch) return mismatch;
    const signed = body.kind === 'signed' ? body.value : null;
    const cert = await checkCertificate(m.env, { kind: 'merchant', name: m.name }, log, { label: 'CertS(C)', der: signed!.cardholderCertS, role: 'cardholder', usage: 'signature' });
    if (!cert.ok) return cert.error;
    const bad = await requireSignature(m.env, log, cert.value.publicKey, signed!.signed, 'InqReq');
    if (bad) return bad;
  }
  m.records.consumed.consume(data.rrpid);
  return { sent: [await buildPRes(m, order!, data.rrpid, from)] };
}

/** SET.md 5.8: fulfilment only for this merchant's own approved (MerchantID, XID), once. */
export function fulfil(m: MerchantSelf, id: string): { readonly fulfilled: boolean; readonly reason?: string } {
  const order = m.records.orders.get(id);
  if (!order || order.status !== 'authorised') return { fulfilled: false, reason: `${id} is not an approved purchase of ${m.name}` };
  if (order.fulfilled) return { fulfilled: false, reason: `${id} is already fulfilled` };
  order.fulfilled = true;
  m.env.log.append({ kind: 'fulfil', by: m.name, purchase: id, transId: formatTransID(order.transID!) });
  return { fulfilled: true };
}
