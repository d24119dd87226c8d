/**
 * The purchase as the cardholder runs it (SET.md 5.1, 5.2, 5.3, 5.7, 5.9; docs/decisions.md D8,
 * D12, D17, D18, D31): PInitReq, the checks of step 5 on PInitRes, the PReq (signed or unsigned) with
 * its `running` events, the checks on PRes and the commit on the first `authorised` one, and
 * inquiries.
 */
import {
  agent, hash, hashedOrderDescription, privateKey, signatureVerifies, text, thumbprint, tuple,
  type Amount, type Certificate, type SecretData, type Term,
} from '../../terms/index.ts';
import { buildWithScopes, build, parse, signedBody, templateOf } from '../../messages/index.ts';
import { BRAND_ID } from '../../vocabulary/agents.ts';
import { COMPLETION_CODES, type CompletionCode } from '../../vocabulary/outcomes.ts';
import { certificateFailure, checks, freshKey, freshNonce, log, NO_KEYS, relied, send, type Delivery } from '../common.ts';
import { hasId, withId } from '../id-set.ts';
import type { Output } from '../outputs.ts';
import { accept, reject, type Reaction } from '../reaction.ts';
import type { CardholderPurchase, CardholderState } from './state.ts';

function withPurchase(state: CardholderState, purchase: CardholderPurchase): CardholderState {
  return { ...state, purchases: { ...state.purchases, [purchase.id]: purchase } };
}

function awaitingResponse(state: CardholderState, rrpid: Term, kinds: readonly string[]): CardholderPurchase | undefined {
  for (const purchase of Object.values(state.purchases)) {
    if (purchase.outstanding.some((o) => o.rrpid === rrpid && kinds.includes(o.kind))) return purchase;
  }
  return undefined;
}

/** The cardholder's identity in agreement values: its certificate's subject (signed form), else its name. */
function cardholderId(state: CardholderState, purchase: CardholderPurchase): Term {
  return purchase.sent?.certificate?.subject ?? agent(state.name);
}

/** startPurchase: step 4 agreed the order; SET.md 5.1 sends PInitReq (D12: under no-challenges, the PReq at once). */
export function startPurchase(
  state: CardholderState,
  event: { purchase: string; merchant: string; od: SecretData; purchAmt: Amount; form: 'signed' | 'unsigned'; lidM?: string },
): Reaction<CardholderState> {
  if (state.purchases[event.purchase] !== undefined) return reject('unexpected', 'purchase id in use');
  if (state.card === undefined) return reject('unexpected', 'no card');
  if (event.form === 'signed' && state.identity === undefined) return reject('unexpected', 'no certificate for a signed purchase');
  const base: CardholderPurchase = {
    id: event.purchase, lidM: event.lidM ?? event.purchase, merchant: event.merchant, od: event.od, purchAmt: event.purchAmt, form: event.form,
    status: 'initiated', outstanding: [], inquiries: 0, committed: false,
    challC: undefined, transId: undefined, merchantCertificate: undefined, sent: undefined,
  };
  if (!state.env.profile.shape.challenges) {
    // D12: C holds CertS(M) and CertE(P) from set-up, picks XID, and validates CertE(P) now, when it uses it.
    const merchantCertificate = state.env.directory[event.merchant]?.signature;
    const gatewayCertificate = state.env.directory[state.env.gatewayOf[event.merchant] ?? '']?.keyExchange;
    if (merchantCertificate === undefined || gatewayCertificate === undefined) return reject('unexpected', 'no certificates of the merchant');
    const failure = certificateFailure(state.env, 'cardholder', 'cardholder.PInitRes.gateway-certificate', gatewayCertificate, { type: 'gateway', usage: 'keyExchange' },
      checks(state.env, 'cardholder.PInitRes.gateway-certificate-type-usage'));
    if (failure) return reject(failure);
    const purchase: CardholderPurchase = {
      ...base, merchantCertificate, transId: tuple(text(event.purchase), text(base.lidM), freshNonce(state.name, event.purchase, 'XID')),
    };
    return sendPReq(state, purchase, gatewayCertificate, event.merchant, 'StartPurchase');
  }
  const rrpid = freshNonce(state.name, event.purchase, 'RRPID', 'PInitReq');
  const challC = freshNonce(state.name, event.purchase, 'Chall_C');
  const term = build(templateOf('PInitReq', 'plain', state.env.profile.shape), {
    values: { RRPID: rrpid, LID_C: text(event.purchase), LID_M: text(base.lidM), Chall_C: challC, BrandID: text(BRAND_ID) },
    keys: {},
  });
  const purchase: CardholderPurchase = { ...base, challC, outstanding: [{ rrpid, kind: 'PInitReq' }] };
  return accept('StartPurchase', withPurchase(state, purchase), [send('PInitReq', 'plain', event.merchant, term)]);
}

/** SET.md 5.2, step 5: C's checks on PInitRes, in order. */
export function onPInitRes(state: CardholderState, event: Delivery): Reaction<CardholderState> {
  const template = templateOf('PInitRes', 'plain', state.env.profile.shape);
  const parsed = parse(template, event.message, { capability: NO_KEYS });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const rrpid = f.get('RRPID');
  if (hasId(state.answered, rrpid.id)) return reject('replay');
  const purchase = awaitingResponse(state, rrpid, ['PInitReq']);
  if (purchase === undefined) return reject('unexpected');
  const env = state.env;
  const certS = f.get('CertS(M)') as Certificate;
  let failure = certificateFailure(env, 'cardholder', 'cardholder.PInitRes.merchant-certificate', certS, { type: 'merchant', usage: 'signature' });
  if (failure) return reject(failure);
  if (checks(env, 'cardholder.PInitRes.merchant') && certS.subject !== agent(purchase.merchant)) return reject('mismatch:merchant');
  if (checks(env, 'cardholder.PInitRes.transid') && (f.get('LID_C') !== text(purchase.id) || f.get('LID_M') !== text(purchase.lidM))) {
    return reject('mismatch:transid');
  }
  const certEP = f.get('CertE(P)') as Certificate;
  failure = certificateFailure(env, 'cardholder', 'cardholder.PInitRes.gateway-certificate', certEP, { type: 'gateway', usage: 'keyExchange' },
    checks(env, 'cardholder.PInitRes.gateway-certificate-type-usage'));
  if (failure) return reject(failure);
  if (checks(env, 'cardholder.PInitRes.gateway') && f.get('PEThumb') !== thumbprint(certEP)) return reject('mismatch:gateway');
  if (checks(env, 'cardholder.PInitRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  if (checks(env, 'cardholder.PInitRes.challenge') && f.get('Chall_C') !== purchase.challC) return reject('mismatch:challenge');
  const next: CardholderPurchase = {
    ...purchase, merchantCertificate: certS, transId: tuple(f.get('LID_C'), f.get('LID_M'), f.get('XID')),
    outstanding: purchase.outstanding.filter((o) => o.rrpid !== rrpid),
  };
  const sent = sendPReq({ ...state, answered: withId(state.answered, rrpid.id) }, next, certEP, purchase.merchant, 'PInitRes', f.get('Chall_M'));
  return sent.outcome === 'accepted' ? { ...sent, outputs: [...sent.outputs, ...relied(state.name, env, certS, certEP)] } : sent;
}

/** SET.md 5.3: build and send the PReq; emit the `running` events of SET.md 12 and the PI record. */
function sendPReq(
  state: CardholderState,
  purchase: CardholderPurchase,
  gatewayCertificate: Certificate,
  merchant: string,
  rule: string,
  challM?: Term,
): Reaction<CardholderState> {
  const shape = state.env.profile.shape;
  const card = state.card!;
  const transId = purchase.transId as Term & { kind: 'tuple' };
  const [lidC, lidM, xid] = transId.items as [Term, Term, Term];
  const odSalt = freshNonce(state.name, purchase.id, 'ODSalt');
  const rrpid = freshNonce(state.name, purchase.id, 'RRPID', 'PReq');
  const values: Record<string, Term | undefined> = {
    LID_C: lidC, LID_M: lidM, XID: xid, RRPID: rrpid, Chall_C: purchase.challC, Chall_M: challM, OD: purchase.od, PurchAmt: purchase.purchAmt,
    ODSalt: odSalt, BrandID: text(BRAND_ID), MerchantID: agent(merchant), PAN: card.pan, CardExpiry: card.expiry,
    EXNonce: freshNonce(state.name, purchase.id, 'EXNonce'), 'PI.k': freshKey(state.name, purchase.id, 'PI'),
  };
  const signed = purchase.form === 'signed';
  const identity = state.identity;
  if (signed) {
    values['CardSecret'] = identity!.cardSecret;
    values['PANSecret'] = identity!.panSecret;
    values['CertS(C)'] = identity!.certificate;
  }
  const { term, scopes } = buildWithScopes(templateOf('PReq', purchase.form, shape), {
    values,
    keys: { gateway: gatewayCertificate.subjectKey, ...(signed ? { cardholder: privateKey(state.name, 'signature', identity!.generation) } : {}) },
  });
  const hod = hashedOrderDescription({ od: purchase.od, purchAmt: purchase.purchAmt, odSalt });
  const oiHash = hash(scopes.get('OIData')!);
  const piHash = hash(tuple(scopes.get('PIHead')!, scopes.get(signed ? 'PANData' : 'PANToken')!));
  const sent = { hod, piHash, odSalt, certificate: signed ? identity!.certificate : undefined };
  const next: CardholderPurchase = {
    ...purchase, status: 'requested', sent, outstanding: [...purchase.outstanding, { rrpid, kind: 'PReq' }],
  };
  const cid = cardholderId(state, next);
  const form = purchase.form;
  const outputs: Output[] = [
    send('PReq', form, merchant, term),
    log({ type: 'running', goal: 'merchant-agrees-with-cardholder', by: state.name, form, values: tuple(cid, agent(merchant), transId, purchase.purchAmt, hod, piHash, oiHash) }),
    log({ type: 'running', goal: 'gateway-agrees-with-cardholder', by: state.name, form, values: tuple(cid, agent(merchant), transId, purchase.purchAmt, hod, oiHash) }),
    log({ type: 'payment-instruction', cardholder: state.name, purchase: purchase.id, merchant, piHash, od: purchase.od, odSalt, pan: card.pan }),
  ];
  return accept(rule, withPurchase(state, next), outputs);
}

/**
 * SET.md 5.7 and D31: C's checks on PRes, in order (RRPID; the CertS(M) beside it is the PInitRes
 * signer's, validated again now; the signature; TransID, Chall_C, HOD, H(PIData)); the commit on
 * the first accepted `authorised`.
 */
export function onPRes(state: CardholderState, event: Delivery): Reaction<CardholderState> {
  const template = templateOf('PRes', 'plain', state.env.profile.shape);
  const parsed = parse(template, event.message, { capability: NO_KEYS });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const code = f.get('CompletionCode');
  if (code.kind !== 'text' || !(COMPLETION_CODES as readonly string[]).includes(code.value)) return reject('malformed', 'CompletionCode');
  const rrpid = f.get('RRPID');
  if (hasId(state.answered, rrpid.id)) return reject('replay');
  const purchase = awaitingResponse(state, rrpid, ['PReq', 'InqReq']);
  if (purchase === undefined || purchase.sent === undefined) return reject('unexpected');
  const env = state.env;
  // D31: the CertS(M) beside the PRes is the PInitRes signer's (under no-challenges: the one C holds from set-up),
  // then validated again now, then the signature is verified with it.
  const certS = f.get('CertS(M)') as Certificate;
  if (checks(env, 'cardholder.PRes.merchant') && certS !== purchase.merchantCertificate) return reject('mismatch:merchant');
  const failure = certificateFailure(env, 'cardholder', 'cardholder.PRes.merchant-certificate', certS, { type: 'merchant', usage: 'signature' });
  if (failure) return reject(failure);
  if (checks(env, 'cardholder.PRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  const transId = tuple(f.get('LID_C'), f.get('LID_M'), f.get('XID'));
  if (checks(env, 'cardholder.PRes.transid') && transId !== purchase.transId) return reject('mismatch:transid');
  if (env.profile.shape.challenges && checks(env, 'cardholder.PRes.challenge') && f.get('Chall_C') !== purchase.challC) return reject('mismatch:challenge');
  if (checks(env, 'cardholder.PRes.hod') && f.get('HOD') !== purchase.sent.hod) return reject('mismatch:hod');
  if (checks(env, 'cardholder.PRes.pi-hash') && f.get('H(PIData)') !== purchase.sent.piHash) return reject('mismatch:pi-hash');
  const completion = code.value as CompletionCode;
  const commits = completion === 'authorised' && !purchase.committed;
  const next: CardholderPurchase = {
    ...purchase, status: completion, committed: purchase.committed || commits, outstanding: purchase.outstanding.filter((o) => o.rrpid !== rrpid),
  };
  const outputs: Output[] = [];
  if (commits) {
    const cid = cardholderId(state, purchase);
    outputs.push(log({
      type: 'commit', goal: 'cardholder-agrees-with-merchant', by: state.name, peer: agent(purchase.merchant), form: purchase.form,
      values: tuple(cid, agent(purchase.merchant), transId, f.get('HOD'), f.get('PurchAmt'), f.get('H(PIData)')),
    }));
  }
  return accept('PRes', { ...withPurchase(state, next), answered: withId(state.answered, rrpid.id) }, [...outputs, ...relied(state.name, env, certS)]);
}

/** inquire(p): SET.md 5.9, in the purchase's own form (D18). */
export function inquire(state: CardholderState, id: string): Reaction<CardholderState> {
  const purchase = state.purchases[id];
  if (purchase === undefined || purchase.sent === undefined || purchase.transId === undefined) return reject('unexpected', 'no PReq to inquire about');
  const n = purchase.inquiries + 1;
  const rrpid = freshNonce(state.name, id, 'RRPID', 'InqReq', n);
  const [lidC, lidM, xid] = (purchase.transId as Term & { kind: 'tuple' }).items as [Term, Term, Term];
  const values: Record<string, Term | undefined> = { LID_C: lidC, LID_M: lidM, XID: xid, RRPID: rrpid, 'CertS(C)': purchase.sent.certificate };
  const signed = purchase.form === 'signed';
  const term = build(templateOf('InqReq', purchase.form, state.env.profile.shape), {
    values, keys: signed ? { signer: privateKey(state.name, 'signature', state.identity!.generation) } : {},
  });
  const next: CardholderPurchase = { ...purchase, inquiries: n, outstanding: [...purchase.outstanding, { rrpid, kind: 'InqReq' }] };
  return accept('Inquire', withPurchase(state, next), [send('InqReq', purchase.form, purchase.merchant, term)]);
}
