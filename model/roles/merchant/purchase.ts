/**
 * The purchase as the merchant runs it (SET.md 5.1-5.4, 5.7, 5.9; docs/decisions.md D8, D12,
 * D17, D18, D31): the order agreed at step 4, PInitReq → PInitRes, the checks on PReq (signed or
 * unsigned) with the commit of SET.md 12 and the AuthReq sent at once, PRes, and inquiries.
 */
import {
  agent, amount, hash, privateKey, signatureVerifies, text, tuple, type Amount, type Certificate, type SecretData, type Term,
} from '../../terms/index.ts';
import { build, parse, signedBody, templateOf, formOf } from '../../messages/index.ts';
import type { CompletionCode } from '../../vocabulary/outcomes.ts';
import { certificateFailure, checks, freshKey, freshNonce, log, NO_KEYS, relied, send, type Delivery } from '../common.ts';
import { hasId, withId } from '../id-set.ts';
import type { Output } from '../outputs.ts';
import { accept, reject, type Reaction } from '../reaction.ts';
import type { AcceptedPReq, MerchantPurchase, MerchantState } from './state.ts';

export function withPurchase(state: MerchantState, purchase: MerchantPurchase): MerchantState {
  return { ...state, purchases: { ...state.purchases, [purchase.id]: purchase } };
}

function purchaseWithXid(state: MerchantState, xid: Term): MerchantPurchase | undefined {
  for (const purchase of Object.values(state.purchases)) if (purchase.xid === xid) return purchase;
  return undefined;
}

/** Step 4: the order is agreed under LID_M = the purchase id (D8). */
export function agree(state: MerchantState, event: { purchase: string; cardholder: string; od: SecretData; purchAmt: Amount }): Reaction<MerchantState> {
  if (state.purchases[event.purchase] !== undefined) return reject('unexpected', 'LID_M in use');
  return accept('Agree', withPurchase(state, {
    id: event.purchase, cardholder: event.cardholder, od: event.od, purchAmt: event.purchAmt, status: 'agreed',
    fulfilled: false, authAmt: null, captured: 0, requests: 0, captureRequested: false, sentAuthorised: false,
    lidC: undefined, challC: undefined, challM: undefined, xid: undefined, transId: undefined, pReq: undefined, authReq: undefined, approval: undefined,
  }));
}

/** SET.md 5.1-5.2: LID_M names an agreed order with no purchase started; answer with PInitRes. */
export function onPInitReq(state: MerchantState, event: Delivery): Reaction<MerchantState> {
  const shape = state.env.profile.shape;
  const parsed = parse(templateOf('PInitReq', 'plain', shape), event.message, { capability: NO_KEYS });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const rrpid = f.get('RRPID');
  if (hasId(state.consumed, rrpid.id)) return reject('replay');
  if (!shape.challenges) return reject('unexpected', 'no PInitReq under no-challenges (D12)');
  const lidM = f.get('LID_M');
  const purchase = lidM.kind === 'text' ? state.purchases[lidM.value] : undefined;
  if (purchase === undefined || purchase.status !== 'agreed') return reject('unexpected', 'no agreed order without a purchase');
  const identity = state.identity;
  const gatewayCertificate = state.env.directory[state.env.gatewayOf[state.name] ?? '']?.keyExchange;
  if (identity === undefined || gatewayCertificate === undefined) return reject('unexpected', 'the merchant has no certificates');
  const xid = freshNonce(state.name, purchase.id, 'XID');
  const challM = freshNonce(state.name, purchase.id, 'Chall_M');
  const lidC = f.get('LID_C');
  const challC = f.get('Chall_C');
  const term = build(templateOf('PInitRes', 'plain', shape), {
    values: {
      LID_C: lidC, LID_M: lidM, XID: xid, RRPID: rrpid, Chall_C: challC, Chall_M: challM,
      'CertS(M)': identity.signature, 'CertE(M)': identity.keyExchange, 'CertE(P)': gatewayCertificate,
    },
    keys: { signer: privateKey(state.name, 'signature', identity.generation) },
  });
  const next: MerchantPurchase = { ...purchase, status: 'initiated', lidC, challC, challM, xid, transId: tuple(lidC, lidM, xid) };
  return accept('PInitReq', { ...withPurchase(state, next), consumed: withId(state.consumed, rrpid.id) }, [
    send('PInitRes', 'plain', event.from.name, term),
  ]);
}

/**
 * SET.md 5.3: M's checks on a PReq in order (freshness and session per D17; D12 under
 * no-challenges), then the commit of merchant-agrees-with-cardholder and the AuthReq (5.4).
 */
export function onPReq(state: MerchantState, event: Delivery): Reaction<MerchantState> {
  const env = state.env;
  const shape = env.profile.shape;
  const form = formOf('PReq', event.message);
  if (form !== 'signed' && form !== 'unsigned') return reject('malformed', 'not a PReq');
  const parsed = parse(templateOf('PReq', form, shape), event.message, { capability: NO_KEYS, opaque: new Set(['PI']) });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const rrpid = f.get('OIData.RRPID');
  const xid = f.get('OIData.XID');
  const lidM = f.get('OIData.LID_M');
  let purchase: MerchantPurchase | undefined;
  if (shape.challenges) {
    if (hasId(state.consumed, rrpid.id)) return reject('replay', 'RRPID seen');
    purchase = purchaseWithXid(state, xid);
    if (purchase === undefined) return reject('unexpected', 'unknown XID');
    if (hasId(state.acceptedXids, xid.id)) return reject('replay', 'the XID had a PReq');
    if (purchase.status !== 'initiated') return reject('unexpected', 'purchase not initiated');
    if (f.get('OIData.LID_C') !== purchase.lidC || lidM !== text(purchase.id)) return reject('mismatch:transid');
  } else {
    // D12: the order is looked up by LID_M only; each PReq for an agreed order restarts its session.
    purchase = lidM.kind === 'text' ? state.purchases[lidM.value] : undefined;
    if (purchase === undefined) return reject('unexpected', 'no agreed order');
  }
  const certificate = form === 'signed' ? (f.get('CertS(C)') as Certificate) : undefined;
  if (certificate !== undefined) {
    const failure = certificateFailure(env, 'merchant', 'merchant.PReq.cardholder-certificate', certificate, { type: 'cardholder', usage: 'signature' });
    if (failure) return reject(failure);
  }
  if (shape.challenges && checks(env, 'merchant.PReq.challenge') && (f.get('OIData.Chall_C') !== purchase.challC || f.get('OIData.Chall_M') !== purchase.challM)) {
    return reject('mismatch:challenge');
  }
  if (shape.merchantInOIData && checks(env, 'merchant.PReq.merchant') && f.get('OIData.MerchantID') !== agent(state.name)) return reject('mismatch:merchant');
  const hod = f.get('OIData.HOD');
  if (checks(env, 'merchant.PReq.hod') && hod !== hash(tuple(purchase.od, purchase.purchAmt, f.get('OIData.ODSalt')))) return reject('mismatch:hod');
  const oiData = f.get('OIData');
  const oiHash = hash(oiData);
  const piHash = f.get('OI.H(PIData)');
  if (certificate !== undefined && checks(env, 'merchant.PReq.dual-signature')) {
    const verified = shape.dualSignature
      ? signatureVerifies(f.get('PI.DS'), certificate.subjectKey, tuple(piHash, oiHash))
      : signatureVerifies(f.get('OI.OISignature'), certificate.subjectKey, oiData);
    if (!verified) return reject('bad-signature');
  }
  return acceptPReq(state, purchase, form, f.get('PI'), {
    rrpid, form, certificate, cardholder: certificate?.subject ?? text('unsigned'), hod, piHash, oiHash,
    challC: shape.challenges ? purchase.challC : undefined, from: event.from.name,
  }, tuple(f.get('OIData.LID_C'), lidM, xid));
}

function acceptPReq(
  state: MerchantState, purchase: MerchantPurchase, form: 'signed' | 'unsigned', pi: Term, pReq: AcceptedPReq, transId: Term,
): Reaction<MerchantState> {
  const env = state.env;
  const shape = env.profile.shape;
  const identity = state.identity;
  const gateway = env.gatewayOf[state.name] ?? '';
  const gatewayCertificate = env.directory[gateway]?.keyExchange;
  if (identity === undefined || gatewayCertificate === undefined) return reject('unexpected', 'the merchant has no certificates');
  const requests = purchase.requests + 1;
  const authRrpid = freshNonce(state.name, purchase.id, 'RRPID', 'AuthReq', requests);
  const [lidC, lidM, xid] = (transId as Term & { kind: 'tuple' }).items as [Term, Term, Term];
  const values: Record<string, Term | undefined> = {
    LID_C: lidC, LID_M: lidM, XID: xid, RRPID: authRrpid, MerchantID: agent(state.name), AuthReqAmt: purchase.purchAmt,
    'H(OIData)': pReq.oiHash, HOD: pReq.hod, OD: shape.odInAuthReq ? purchase.od : undefined, PI: pi,
    'CertS(M)': identity.signature, 'CertE(M)': identity.keyExchange, 'CertS(C)': pReq.certificate, k: freshKey(state.name, purchase.id, 'AuthReq', requests),
  };
  const term = build(templateOf('AuthReq', form, shape), {
    values, keys: { signer: privateKey(state.name, 'signature', identity.generation), gateway: gatewayCertificate.subjectKey },
  });
  const next: MerchantPurchase = {
    ...purchase, status: 'requested', pReq, requests, xid, transId, authAmt: null,
    authReq: { rrpid: authRrpid, amount: purchase.purchAmt, answered: false },
  };
  const m = agent(state.name);
  const outputs: Output[] = [
    log({ type: 'commit', goal: 'merchant-agrees-with-cardholder', by: state.name, peer: pReq.cardholder, form, values: tuple(pReq.cardholder, m, transId, purchase.purchAmt, pReq.hod, pReq.piHash, pReq.oiHash) }),
    send('AuthReq', form, gateway, term),
    log({ type: 'running', goal: 'gateway-agrees-with-merchant', by: state.name, form, values: tuple(m, transId, purchase.purchAmt, pReq.hod, pReq.oiHash) }),
    ...relied(state.name, env, pReq.certificate),
  ];
  const consumed = shape.challenges ? withId(state.consumed, pReq.rrpid.id) : state.consumed;
  const acceptedXids = shape.challenges ? withId(state.acceptedXids, xid.id) : state.acceptedXids;
  return accept(form === 'signed' ? 'PReqS' : 'PReqUns', { ...withPurchase(state, next), consumed, acceptedXids }, outputs);
}

/** The PRes for a purchase's current state (SET.md 5.7), answering `rrpid`, with M's current CertS(M) beside it (D31). */
export function pRes(state: MerchantState, purchase: MerchantPurchase, rrpid: Term): { term: Term; code: CompletionCode } {
  const pReq = purchase.pReq!;
  const code: CompletionCode = purchase.status === 'authorised' ? 'authorised' : purchase.status === 'declined' ? 'declined' : 'pending';
  const [lidC, lidM, xid] = (purchase.transId as Term & { kind: 'tuple' }).items as [Term, Term, Term];
  const authAmt = purchase.approval?.authAmt ?? amount(purchase.purchAmt.currency, 0);
  const term = build(templateOf('PRes', 'plain', state.env.profile.shape), {
    values: {
      LID_C: lidC, LID_M: lidM, XID: xid, RRPID: rrpid, Chall_C: pReq.challC, HOD: pReq.hod, 'H(PIData)': pReq.piHash,
      CompletionCode: text(code), PurchAmt: purchase.purchAmt, AuthAmt: code === 'authorised' ? authAmt : amount(purchase.purchAmt.currency, 0),
      'CertS(M)': state.identity!.signature,
    },
    keys: { signer: privateKey(state.name, 'signature', state.identity!.generation) },
  });
  return { term, code };
}

/** Sending a PRes, with M's `running` the first time it says `authorised` (SET.md 5.7, 12). */
export function sendPRes(state: MerchantState, purchase: MerchantPurchase, rrpid: Term): { purchase: MerchantPurchase; outputs: Output[] } {
  const { term, code } = pRes(state, purchase, rrpid);
  const pReq = purchase.pReq!;
  const outputs: Output[] = [send('PRes', 'plain', pReq.from, term)];
  if (code !== 'authorised' || purchase.sentAuthorised) return { purchase, outputs };
  outputs.push(log({
    type: 'running', goal: 'cardholder-agrees-with-merchant', by: state.name, form: pReq.form,
    values: tuple(pReq.cardholder, agent(state.name), purchase.transId!, pReq.hod, purchase.purchAmt, pReq.piHash),
  }));
  return { purchase: { ...purchase, sentAuthorised: true }, outputs };
}

/** SET.md 5.9 and D18: an inquiry about a purchase that has a PReq, in its own form. */
export function onInqReq(state: MerchantState, event: Delivery): Reaction<MerchantState> {
  const env = state.env;
  const form = formOf('InqReq', event.message);
  if (form !== 'signed' && form !== 'unsigned') return reject('malformed', 'not an InqReq');
  const template = templateOf('InqReq', form, env.profile.shape);
  const parsed = parse(template, event.message, { capability: NO_KEYS });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const rrpid = f.get('RRPID');
  if (hasId(state.consumed, rrpid.id)) return reject('replay');
  const transId = tuple(f.get('LID_C'), f.get('LID_M'), f.get('XID'));
  const purchase = Object.values(state.purchases).find((p) => p.transId === transId && p.pReq !== undefined);
  if (purchase === undefined) return reject('unexpected', 'no purchase with a PReq');
  const pReq = purchase.pReq!;
  const certificate = form === 'signed' ? (f.get('CertS(C)') as Certificate) : undefined;
  if (checks(env, 'merchant.InqReq.cardholder-id') && (form !== pReq.form || certificate !== pReq.certificate)) return reject('mismatch:cardholder-id');
  if (certificate !== undefined) {
    const failure = certificateFailure(env, 'merchant', 'merchant.InqReq.cardholder-certificate', certificate, { type: 'cardholder', usage: 'signature' });
    if (failure) return reject(failure);
    if (checks(env, 'merchant.InqReq.signature') && !signatureVerifies(f.get('Signature'), certificate.subjectKey, signedBody(template, 'Signature', f)!)) {
      return reject('bad-signature');
    }
  }
  const sent = sendPRes(state, purchase, rrpid);
  return accept(form === 'signed' ? 'InqReqS' : 'InqReqUns', { ...withPurchase(state, sent.purchase), consumed: withId(state.consumed, rrpid.id) }, [
    ...sent.outputs, ...relied(state.name, env, certificate),
  ]);
}
