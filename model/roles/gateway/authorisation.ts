/**
 * Authorisation at the gateway (SET.md 5.5, 5.6; docs/decisions.md D9, D10, D11, D16, D17):
 * P's checks on an AuthReq in SET.md's order, the commits of SET.md 12 (before the issuer), the
 * issuer's decision over the private network, and the AuthRes.
 */
import {
  agent, amount, hash, privateKey, publicKey, signatureVerifies, text, tuple, uniqueCardholderId,
  type Amount, type Certificate, type Term,
} from '../../terms/index.ts';
import { build, formOf, parse, paymentInstructionTemplate, signedBody, templateOf } from '../../messages/index.ts';
import { ISSUER } from '../../vocabulary/agents.ts';
import { certificateFailure, checks, freshKey, freshNonce, log, nameOf, opensFor, call, relied, send, type Delivery } from '../common.ts';
import { hasId, withId } from '../id-set.ts';
import type { PrivateEvent } from '../private-events.ts';
import { accept, reject, type Reaction } from '../reaction.ts';
import type { GatewayState } from './state.ts';

export function onAuthReq(state: GatewayState, event: Delivery): Reaction<GatewayState> {
  const env = state.env;
  const shape = env.profile.shape;
  const ownKey = publicKey(state.name, 'keyExchange');
  // (1) decode: the envelope opens with P's key-exchange key
  const form = formOf('AuthReq', event.message);
  if (form !== 'signed' && form !== 'unsigned') return reject('malformed', 'not an AuthReq');
  const template = templateOf('AuthReq', form, shape);
  const parsed = parse(template, event.message, { capability: opensFor([ownKey]), opaque: new Set(['PI']) });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  // (2) freshness (D17): the RRPID, then (MerchantID, XID) as the AuthReq names them
  const rrpid = f.get('AuthReqData.RRPID');
  const merchantId = f.get('AuthReqData.MerchantID');
  const xid = f.get('AuthReqData.XID');
  const pair = tuple(merchantId, xid);
  if (hasId(state.consumed, rrpid.id) || hasId(state.decided, pair.id)) return reject('replay');
  // (4) SET.md 5.5, in order
  const pi = f.get('PI');
  if (checks(env, 'gateway.AuthReq.pi-hash') && f.get('H(PI)') !== hash(pi)) return reject('mismatch:pi-hash');
  const certS = f.get('CertS(M)') as Certificate;
  const certE = f.get('CertE(M)') as Certificate;
  const failure =
    certificateFailure(env, 'gateway', 'gateway.AuthReq.merchant-certificates', certS, { type: 'merchant', usage: 'signature' }) ??
    certificateFailure(env, 'gateway', 'gateway.AuthReq.merchant-certificates', certE, { type: 'merchant', usage: 'keyExchange' });
  if (failure) return reject(failure);
  if (checks(env, 'gateway.AuthReq.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  if (checks(env, 'gateway.AuthReq.merchant') && (merchantId !== certS.subject || merchantId !== certE.subject)) return reject('mismatch:merchant');
  const opened = parse(paymentInstructionTemplate(shape, form), pi, { capability: opensFor([ownKey]) });
  if (!opened.ok) return reject('malformed', `PI: ${opened.reason}`);
  const p = opened.fields;
  const panPart = p.get(form === 'signed' ? 'PANData' : 'PANToken');
  if (checks(env, 'gateway.AuthReq.pan-hash') && p.get('PI.H(p)') !== hash(panPart)) return reject('mismatch:pan-hash');
  const piHead = p.get('PIHead');
  const piOiHash = p.find('PI.H(OIData)');
  let cardholderCertificate: Certificate | undefined;
  if (form === 'unsigned') {
    if (checks(env, 'gateway.AuthReq.pi-binding') && p.get('PI.H(t)') !== hash(tuple(piHead, piOiHash!))) return reject('mismatch:pi-hash');
  } else {
    cardholderCertificate = f.get('CertS(C)') as Certificate;
    const bad = certificateFailure(env, 'gateway', 'gateway.AuthReq.cardholder-certificate', cardholderCertificate, { type: 'cardholder', usage: 'signature' });
    if (bad) return reject(bad);
    const piData = tuple(piHead, panPart);
    if (checks(env, 'gateway.AuthReq.dual-signature')) {
      const verified = shape.dualSignature
        ? signatureVerifies(p.get('PI.DS'), cardholderCertificate.subjectKey, tuple(hash(piData), piOiHash!))
        : signatureVerifies(p.get('PI.PISignature'), cardholderCertificate.subjectKey, piData);
      if (!verified) return reject('bad-signature');
    }
    const uid = uniqueCardholderId({ pan: p.get('PANData.PAN'), cardExpiry: p.get('PANData.CardExpiry') }, p.get('PANData.PANSecret'));
    if (checks(env, 'gateway.AuthReq.cardholder-id') && cardholderCertificate.subject !== uid) return reject('mismatch:cardholder-id');
  }
  const oiHash = f.get('AuthReqData.H(OIData)');
  if (piOiHash !== undefined && checks(env, 'gateway.AuthReq.oi-hash') && piOiHash !== oiHash) return reject('mismatch:oi-hash');
  const transId = tuple(f.get('AuthReqData.LID_C'), f.get('AuthReqData.LID_M'), xid);
  if (checks(env, 'gateway.AuthReq.transid') && tuple(p.get('PIHead.LID_C'), p.get('PIHead.LID_M'), p.get('PIHead.XID')) !== transId) return reject('mismatch:transid');
  const hod = f.get('AuthReqData.HOD');
  if (checks(env, 'gateway.AuthReq.hod') && p.get('PIHead.HOD') !== hod) return reject('mismatch:hod');
  if (shape.merchantInPIHead && checks(env, 'gateway.AuthReq.pi-merchant') && p.get('PIHead.MerchantID') !== merchantId) return reject('mismatch:merchant');
  const authReqAmt = f.get('AuthReqData.AuthReqAmt') as Amount;
  const purchAmt = p.get('PIHead.PurchAmt') as Amount;
  if (checks(env, 'gateway.AuthReq.amount') && (authReqAmt.currency !== purchAmt.currency || authReqAmt.minorUnits > purchAmt.minorUnits)) {
    return reject('mismatch:amount');
  }
  // accepted: commits (before the issuer), then the issuer's decision
  const lidC = f.get('AuthReqData.LID_C');
  const pan = p.get(form === 'signed' ? 'PANData.PAN' : 'PANToken.PAN');
  const expiry = p.get(form === 'signed' ? 'PANData.CardExpiry' : 'PANToken.CardExpiry');
  const merchant = nameOf(merchantId);
  const next: GatewayState = {
    ...state, consumed: withId(state.consumed, rrpid.id), decided: withId(state.decided, pair.id),
    pending: {
      from: event.from.name, merchant, merchantId, transId, xid, lidC: lidC.kind === 'text' ? lidC.value : '', rrpid, authReqAmt, purchAmt,
      merchantKeyExchange: certE, pan, piHash: hash(tuple(piHead, panPart)),
    },
  };
  const cid = cardholderCertificate?.subject ?? text('unsigned');
  return accept(form === 'signed' ? 'AuthReqS' : 'AuthReqUns', next, [
    log({ type: 'commit', goal: 'gateway-agrees-with-cardholder', by: state.name, peer: cid, form, values: tuple(cid, merchantId, transId, purchAmt, hod, oiHash) }),
    log({ type: 'commit', goal: 'gateway-agrees-with-merchant', by: state.name, peer: merchantId, form, values: tuple(merchantId, transId, authReqAmt, hod, oiHash) }),
    ...relied(state.name, env, certS, certE, cardholderCertificate),
    call(ISSUER, { type: 'authorise', replyTo: state.name, pan, expiry, amount: authReqAmt, merchant, xid }),
  ]);
}

/** The issuer's answer: record the decision (D9, D16) and send the AuthRes (SET.md 5.6). */
export function onAuthorisationAnswer(state: GatewayState, answer: Extract<PrivateEvent, { type: 'authorisationAnswer' }>): Reaction<GatewayState> {
  const pending = state.pending;
  if (pending === undefined) return reject('unexpected', 'no AuthReq waits for the issuer');
  const env = state.env;
  const shape = env.profile.shape;
  const [lidC, lidM, xid] = (pending.transId as Term & { kind: 'tuple' }).items as [Term, Term, Term];
  const label = [state.name, pending.merchant, pending.xid.id];
  const signer = privateKey(state.name, 'signature');
  const certS = env.directory[state.name]?.signature;
  const common = {
    LID_C: lidC, LID_M: lidM, XID: xid, RRPID: pending.rrpid, MerchantID: pending.merchantId, 'CertS(P)': certS, k: freshKey(...label, 'AuthRes'),
  };
  const keys = { signer, recipient: pending.merchantKeyExchange.subjectKey, self: publicKey(state.name, 'keyExchange') };
  const approved = answer.approved;
  const authAmt = approved ? pending.authReqAmt : amount(pending.authReqAmt.currency, 0);
  let term: Term;
  let tokenId: Term | undefined;
  if (answer.approved) {
    tokenId = freshNonce(...label, 'TokenID');
    term = build(templateOf('AuthRes', 'approved', shape), {
      values: {
        ...common, AuthAmt: authAmt, AuthCode: answer.authCode, TokenID: tokenId, HoldRef: answer.holdRef, 'CapToken.k': freshKey(...label, 'CapToken'),
      },
      keys,
    });
  } else {
    term = build(templateOf('AuthRes', 'declined', shape), { values: { ...common, AuthAmt: authAmt, DeclineReason: text(answer.reason) }, keys });
  }
  const decision = approved ? 'approved' : 'declined';
  const perMerchant = { ...(state.decisions[pending.lidC] ?? {}), [pending.merchant]: { decision, authAmt: authAmt.minorUnits, captured: 0 } as const };
  const next: GatewayState = { ...state, pending: undefined, decisions: { ...state.decisions, [pending.lidC]: perMerchant } };
  const code = answer.approved ? answer.authCode : text(answer.reason);
  return accept(approved ? 'AuthResS' : 'AuthResUns', next, [
    log({
      type: 'decision', gateway: state.name, merchant: pending.merchant, xid: pending.xid, lidC: pending.lidC, decision,
      ...(answer.approved ? { tokenId: tokenId!, holdRef: answer.holdRef } : { reason: answer.reason }),
      authAmt: authAmt.minorUnits, purchAmt: pending.purchAmt.minorUnits, pan: pending.pan, piHash: pending.piHash,
    }),
    send('AuthRes', decision === 'approved' ? 'approved' : 'declined', pending.from, term),
    log({
      type: 'running', goal: 'merchant-agrees-with-gateway', by: state.name, form: 'signed',
      values: tuple(pending.merchantId, agent(state.name), pending.transId, authAmt, code),
    }),
  ]);
}
