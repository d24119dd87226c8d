/**
 * The purchase, the cardholder's side (SET.md 5.1-5.3, 5.7, 5.9; seed steps 4-6 and 9):
 * PInitReq, the checks of PInitRes, the PReq in its signed and unsigned forms, the checks of
 * PRes, and InqReq.
 */
import { bytesEqual, hash } from '../../crypto/digest.ts';
import { dualSign } from '../../crypto/dual-signature.ts';
import { extraEncrypt, extraEncryptWithHash } from '../../crypto/extra-encryption.ts';
import { hashedOrderDescription, thumbprint, transStain } from '../../crypto/set-values.ts';
import { sign, signDetached, verifySigned } from '../../crypto/signature.ts';
import type { CheckLog, Rejection } from '../../protocol/check-log.ts';
import { SetVerifyError } from '../../errors.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Amount, OrderDescription, TransID } from '../../wire/common.ts';
import { describeMalformed } from '../../wire/codec.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import type { MessageBody } from '../../wire/messages.ts';
import type { OIData, PI, PIHead, PReq } from '../../wire/purchase.ts';
import { parseCertificate } from '../../pki/certificate-parser.ts';
import { importCertificateKey } from '../../pki/pki-cache.ts';
import { checkCertificate } from '../certificates.ts';
import { outbound, type Handled, type Outbound } from '../party.ts';
import { formatAmount, formatTransID, fresh, hex, localId } from '../values.ts';
import type { CardholderSelf } from './self.ts';
import type { CardholderPurchase } from './state.ts';

export interface PurchaseOrder {
  /** The scenario's purchase id; it is also LID_C (docs/decisions.md D8). */
  readonly id: string;
  /** MerchantID of the merchant the order was agreed with (step 4), also its party name. */
  readonly merchant: string;
  /** LID_M the merchant gave for the agreed order. */
  readonly lidM: string;
  readonly od: OrderDescription;
  readonly purchAmt: Amount;
  /** Signed form needs a certificate (SET.md 5.3). */
  readonly signed: boolean;
}

/** SET.md 5.1: PInitReq; under `no-challenges` the PReq at once, with certificates C already holds. */
export async function startPurchase(c: CardholderSelf, order: PurchaseOrder): Promise<Outbound> {
  if (c.records.purchases.has(order.id)) throw new SetVerifyError('duplicate-purchase', `${c.name} already has a purchase ${order.id}`);
  if (order.signed && !c.records.certificate) throw new SetVerifyError('not-registered', `${c.name} holds no certificate: a signed purchase needs one (register first)`);
  const purchase: CardholderPurchase = {
    id: order.id,
    merchant: order.merchant,
    lidC: localId(order.id),
    lidM: localId(order.lidM),
    od: order.od,
    purchAmt: order.purchAmt,
    signed: order.signed,
    challC: fresh(c.env.ctx),
    status: 'initiated',
    committed: false,
  };
  if (!c.env.protocol.rules.purchaseInitiation) return startWithoutInitiation(c, purchase);
  const rrpid = fresh(c.env.ctx);
  c.records.purchases.set(purchase.id, purchase);
  c.records.requests.open(rrpid, { kind: 'purchase', id: purchase.id, message: 'PInitReq' });
  return outbound(order.merchant, {
    kind: 'PInitReq',
    value: { rrpid, lidC: purchase.lidC, lidM: purchase.lidM, challC: purchase.challC, brandID: c.brandId },
  });
}

/** `no-challenges`: no PInitReq/PInitRes; C picks XID and uses the certificates it holds. */
async function startWithoutInitiation(c: CardholderSelf, purchase: CardholderPurchase): Promise<Outbound> {
  const known = c.records.knownMerchants.get(purchase.merchant);
  if (!known) throw new SetVerifyError('unknown-merchant', `${c.name} holds no certificates of ${purchase.merchant} (no-challenges: give them with learnMerchant)`);
  const transID: TransID = { lidC: purchase.lidC, lidM: purchase.lidM, xid: fresh(c.env.ctx) };
  const built = await buildPReq(c, purchase, transID, known.gatewayCertE, undefined);
  Object.assign(purchase, { transID, merchantCertS: known.merchantCertS });
  c.records.purchases.set(purchase.id, purchase);
  return sendPReq(c, purchase, built);
}

function purchaseFor(c: CardholderSelf, log: CheckLog, rrpid: Uint8Array, messages: readonly string[]): Result<{ purchase: CardholderPurchase; message: string }, Rejection> {
  const found = c.records.requests.find(rrpid);
  if (found.state === 'answered') return err(log.fail('RRPID is an outstanding request of ours', 'replay', 'its response was already accepted'));
  const session = found.state === 'outstanding' && found.session.kind === 'purchase' && messages.includes(found.session.message) ? found.session : null;
  const purchase = session ? c.records.purchases.get(session.id) : undefined;
  if (!session || !purchase) return err(log.fail(`RRPID names our outstanding ${messages.join(' or ')}`, 'unexpected'));
  log.pass(`RRPID echoes our ${session.message} of ${purchase.id}`);
  return ok({ purchase, message: session.message });
}

/** SET.md 5.2: the cardholder's checks of PInitRes (step 5), in order; then the PReq. */
export async function onPInitRes(c: CardholderSelf, body: MessageBody<'PInitRes'>, log: CheckLog): Promise<Handled> {
  const data = decodeData('PInitResData', body.signed.content, c.env.protocol.wire, 'PInitRes.signed.content');
  if (!data.ok) return log.fail('decode PInitResData', 'malformed', describeMalformed(data.error));
  const found = purchaseFor(c, log, data.value.rrpid, ['PInitReq']);
  if (!found.ok) return found.error;
  const { purchase } = found.value;
  const { transID } = data.value;

  const merchantCert = await checkCertificate(c.env, { kind: 'cardholder', name: c.name }, log, { label: 'CertS(M)', der: body.merchantCertS, role: 'merchant', usage: 'signature' });
  if (!merchantCert.ok) return merchantCert.error;
  const failedIds =
    log.require(`CertS(M)'s subject is ${purchase.merchant}, the merchant of LID_M`, merchantCert.value.commonName === purchase.merchant, 'mismatch:merchant') ??
    log.require('TransID carries our LID_C and LID_M', bytesEqual(transID.lidC, purchase.lidC) && bytesEqual(transID.lidM, purchase.lidM), 'mismatch:transid');
  if (failedIds) return failedIds;
  const gatewayCert = await checkCertificate(c.env, { kind: 'cardholder', name: c.name }, log, { label: 'CertE(P)', der: body.gatewayCertE, role: 'gateway', usage: 'keyExchange', gatewayEncryption: true });
  if (!gatewayCert.ok) return gatewayCert.error;
  const failed =
    log.require("PEThumb is CertE(P)'s thumbprint", bytesEqual(gatewayCert.value.thumbprint, data.value.peThumb), 'mismatch:gateway') ??
    log.require('signature of PInitRes by CertS(M)', (await verifySigned(c.env.ctx, merchantCert.value.publicKey, body.signed, 'PInitRes')) === null, 'bad-signature') ??
    log.require('Chall_C echo', bytesEqual(data.value.challC, purchase.challC), 'mismatch:challenge');
  if (failed) return failed;

  const built = await buildPReq(c, purchase, transID, body.gatewayCertE, data.value.challM, gatewayCert.value.publicKey);
  c.records.requests.answer(data.value.rrpid);
  Object.assign(purchase, { transID, challM: data.value.challM, merchantCertS: body.merchantCertS });
  return { sent: [sendPReq(c, purchase, built)] };
}

interface BuiltPReq {
  readonly rrpid: Uint8Array;
  readonly odSalt: Uint8Array;
  readonly preq: PReq;
  readonly hod: Uint8Array;
  readonly oiDataHash: Uint8Array;
  readonly piDataHash: Uint8Array;
}

/**
 * SET.md 5.3: HOD, OIData, PIHead, the PI under extra encryption to P, and (signed form) the
 * dual signature; the variants of section 10 change exactly the parts they name.
 */
async function buildPReq(c: CardholderSelf, purchase: CardholderPurchase, transID: TransID, gatewayCertE: Uint8Array, challM: Uint8Array | undefined, gatewayKey?: CryptoKey): Promise<BuiltPReq> {
  const { ctx, protocol } = c.env;
  const { rules, hooks } = protocol;
  const key = gatewayKey ?? (await gatewayKeyOf(c, gatewayCertE));
  const rrpid = fresh(ctx);
  const odSalt = fresh(ctx);
  const hod = await hashedOrderDescription(ctx, { od: purchase.od, purchAmt: purchase.purchAmt, odSalt });
  let oiData: OIData = {
    transID,
    rrpid,
    ...(rules.challenges ? { challC: purchase.challC, challM: challM! } : {}),
    hod,
    odSalt,
    brandID: c.brandId,
    ...(rules.merchantInOrder ? { merchantID: purchase.merchant } : {}),
    ...(rules.panOutsideOrder ? {} : { pan: c.card.pan }),
  };
  oiData = hooks.oiData(oiData, { pan: c.card.pan });
  const oiBytes = encodeData('OIData', oiData);
  const oiDataHash = await hash(ctx, oiBytes);
  const certificate = c.records.certificate;
  let piHead: PIHead = {
    transID,
    hod,
    purchAmt: purchase.purchAmt,
    ...(rules.merchantInPaymentInstruction ? { merchantID: purchase.merchant } : {}),
    ...(purchase.signed ? { transStain: await transStain(ctx, transID.xid, certificate!.cardSecret) } : {}),
  };
  piHead = hooks.piHead(piHead);

  if (!purchase.signed) {
    // Unsigned form: PANToken under EXH, OI = {OIData, H({PIHead, PANToken})}, no DS, no certificate.
    const panToken = { pan: c.card.pan, cardExpiry: c.card.cardExpiry, exNonce: fresh(ctx) };
    const piDataHash = await hash(ctx, encodeData('PIUnsignedData', { piHead, panToken }));
    const ex = await extraEncryptWithHash(ctx, key, encodeData('PIOILinkUnsigned', { piHead, oiDataHash }), encodeData('PANToken', panToken));
    return { rrpid, odSalt, hod, oiDataHash, piDataHash, preq: { pi: { kind: 'unsigned', value: ex }, oi: { oiData, piDataHash } } };
  }

  const panData = { pan: c.card.pan, cardExpiry: c.card.cardExpiry, panSecret: certificate!.panSecret, exNonce: fresh(ctx) };
  const piBytes = encodeData('PIData', { piHead, panData });
  const piDataHash = await hash(ctx, piBytes);
  let pi: PI;
  let oiSignature: Uint8Array | undefined;
  if (rules.dualSignature) {
    const [ds, ex] = await Promise.all([
      dualSign(ctx, certificate!.key.pair.privateKey, { piDataHash, oiDataHash }),
      extraEncrypt(ctx, key, encodeData('PIOILink', { piHead, oiDataHash }), encodeData('PANData', panData)),
    ]);
    pi = { kind: 'signed', value: { ds, ex } };
  } else {
    // no-dual-signature: each half signed on its own; H(OIData) no longer in the PI.
    const [ds, oiSig, ex] = await Promise.all([
      signDetached(ctx, certificate!.key.pair.privateKey, piBytes),
      signDetached(ctx, certificate!.key.pair.privateKey, oiBytes),
      extraEncrypt(ctx, key, encodeData('PIOILink', { piHead }), encodeData('PANData', panData)),
    ]);
    pi = { kind: 'signed', value: { ds, ex } };
    oiSignature = oiSig;
  }
  const oi = oiSignature ? { oiData, piDataHash, oiSignature } : { oiData, piDataHash };
  return { rrpid, odSalt, hod, oiDataHash, piDataHash, preq: { pi, oi, cardholderCertS: certificate!.der } };
}

/** The gateway key C encrypts to, from a certificate it validated (or holds, under no-challenges). */
async function gatewayKeyOf(c: CardholderSelf, der: Uint8Array): Promise<CryptoKey> {
  const parsed = parseCertificate(der);
  if (!parsed.ok) throw new SetVerifyError('bad-known-certificate', `the gateway certificate ${c.name} holds does not parse`);
  const key = await importCertificateKey(c.env.ctx, hex(await thumbprint(c.env.ctx, der)), parsed.value.spki, 'keyExchange');
  if (!key) throw new SetVerifyError('bad-known-certificate', `the gateway certificate ${c.name} holds has no usable key`);
  return key;
}

/** Records the PReq as sent and emits C's `running` events (SET.md 12: C sends PReq). */
function sendPReq(c: CardholderSelf, purchase: CardholderPurchase, built: BuiltPReq): Outbound {
  c.records.requests.open(built.rrpid, { kind: 'purchase', id: purchase.id, message: 'PReq' });
  Object.assign(purchase, { status: 'requested', hod: built.hod, odSalt: built.odSalt, piDataHash: built.piDataHash });
  const shared = { C: c.name, M: purchase.merchant, TransID: formatTransID(purchase.transID!), PurchAmt: formatAmount(purchase.purchAmt), HOD: hex(built.hod) };
  const form = purchase.signed ? 'signed' : 'unsigned';
  c.env.log.append({ kind: 'running', by: c.name, goal: 'merchant-agrees-with-cardholder', form, values: { ...shared, 'H(PIData)': hex(built.piDataHash), 'H(OIData)': hex(built.oiDataHash) } });
  c.env.log.append({ kind: 'running', by: c.name, goal: 'gateway-agrees-with-cardholder', form, values: { ...shared, 'H(OIData)': hex(built.oiDataHash) } });
  return outbound(purchase.merchant, { kind: 'PReq', value: built.preq });
}

/** SET.md 5.7: the cardholder's checks of PRes (step 9), in order. */
export async function onPRes(c: CardholderSelf, body: MessageBody<'PRes'>, log: CheckLog): Promise<Handled> {
  const data = decodeData('PResData', body.signed.content, c.env.protocol.wire, 'PRes.signed.content');
  if (!data.ok) return log.fail('decode PResData', 'malformed', describeMalformed(data.error));
  const found = purchaseFor(c, log, data.value.rrpid, ['PReq', 'InqReq']);
  if (!found.ok) return found.error;
  const { purchase } = found.value;
  const sameSigner = log.require("the PRes signer's certificate is the PInitRes signer's", bytesEqual(body.merchantCertS, purchase.merchantCertS!), 'mismatch:merchant');
  if (sameSigner) return sameSigner;
  const cert = await checkCertificate(c.env, { kind: 'cardholder', name: c.name }, log, { label: 'CertS(M)', der: body.merchantCertS, role: 'merchant', usage: 'signature' });
  if (!cert.ok) return cert.error;
  const pres = data.value;
  const failed =
    log.require('signature of PRes by CertS(M)', (await verifySigned(c.env.ctx, cert.value.publicKey, body.signed, 'PRes')) === null, 'bad-signature') ??
    log.require('TransID is ours', formatTransID(pres.transID) === formatTransID(purchase.transID!), 'mismatch:transid') ??
    (c.env.protocol.rules.challenges ? log.require('Chall_C echo', pres.challC !== undefined && bytesEqual(pres.challC, purchase.challC), 'mismatch:challenge') : null) ??
    log.require('HOD is ours', bytesEqual(pres.hod, purchase.hod!), 'mismatch:hod') ??
    log.require('H(PIData) is ours', bytesEqual(pres.piDataHash, purchase.piDataHash!), 'mismatch:pi-hash');
  if (failed) return failed;

  c.records.requests.answer(pres.rrpid);
  purchase.status = pres.completionCode;
  if (pres.completionCode === 'authorised' && !purchase.committed) {
    purchase.committed = true;
    c.env.log.append({
      kind: 'commit',
      by: c.name,
      form: purchase.signed ? 'signed' : 'unsigned',
      goal: 'cardholder-agrees-with-merchant',
      values: { C: c.name, M: purchase.merchant, TransID: formatTransID(purchase.transID!), HOD: hex(purchase.hod!), PurchAmt: formatAmount(purchase.purchAmt), 'H(PIData)': hex(purchase.piDataHash!) },
    });
  }
  return { sent: [] };
}

/** SET.md 5.9: InqReq for a purchase whose PReq was sent; null when there is none yet. */
export async function inquire(c: CardholderSelf, id: string): Promise<Outbound | null> {
  const purchase = c.records.purchases.get(id);
  if (!purchase || purchase.status === 'initiated' || !purchase.transID) return null;
  const rrpid = fresh(c.env.ctx);
  const data = { transID: purchase.transID, rrpid };
  const value: MessageBody<'InqReq'> = purchase.signed
    ? { kind: 'signed', value: { signed: await sign(c.env.ctx, c.records.certificate!.key.pair.privateKey, encodeData('InqReqData', data)), cardholderCertS: c.records.certificate!.der } }
    : { kind: 'unsigned', value: data };
  c.records.requests.open(rrpid, { kind: 'purchase', id, message: 'InqReq' });
  return outbound(purchase.merchant, { kind: 'InqReq', value });
}
