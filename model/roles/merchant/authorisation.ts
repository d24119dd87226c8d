/**
 * The authorisation response and fulfilment at the merchant (SET.md 5.6, 5.7, 5.8;
 * docs/decisions.md D10, D14, D16, D17): M's checks on AuthRes in order, the commit of
 * merchant-agrees-with-gateway, the PRes to the cardholder; fulfilment only of an approved
 * purchase, once.
 */
import { agent, amount, hash, signatureVerifies, tuple, type Amount, type Certificate } from '../../terms/index.ts';
import { formOf, parse, signedBody, templateOf } from '../../messages/index.ts';
import { DECLINE_REASONS } from '../../vocabulary/outcomes.ts';
import { certificateFailure, checks, keysOf, log, opensFor, relied, type Delivery } from '../common.ts';
import { hasId, withId } from '../id-set.ts';
import { accept, reject, type Reaction } from '../reaction.ts';
import { sendPRes, withPurchase } from './purchase.ts';
import type { MerchantPurchase, MerchantState } from './state.ts';

export function onAuthRes(state: MerchantState, event: Delivery): Reaction<MerchantState> {
  const env = state.env;
  const shape = env.profile.shape;
  const form = formOf('AuthRes', event.message);
  if (form !== 'approved' && form !== 'declined') return reject('malformed', 'not an AuthRes');
  const template = templateOf('AuthRes', form, shape);
  const parsed = parse(template, event.message, { capability: opensFor(keysOf(state.name, 'keyExchange', state.keyPairs)), opaque: new Set(['CapToken']) });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  // D10: the token beside the envelope must be the one its hash binds.
  if (form === 'approved' && f.get('H(CapToken)') !== hash(f.get('CapToken'))) return reject('malformed', 'CapToken hash');
  const reason = form === 'declined' ? f.get('AuthResData.DeclineReason') : undefined;
  if (reason !== undefined && (reason.kind !== 'text' || !(DECLINE_REASONS as readonly string[]).includes(reason.value))) return reject('malformed', 'DeclineReason');
  const rrpid = f.get('AuthResData.RRPID');
  const xid = f.get('AuthResData.XID');
  let purchase: MerchantPurchase | undefined;
  if (checks(env, 'merchant.AuthRes.rrpid')) {
    if (hasId(state.answered, rrpid.id)) return reject('replay');
    purchase = Object.values(state.purchases).find((p) => p.authReq?.rrpid === rrpid && !p.authReq.answered);
    if (purchase === undefined) return reject('unexpected', 'no outstanding AuthReq');
  } else {
    // D17, authres-without-merchant: the purchase is found by the TransID's XID.
    purchase = Object.values(state.purchases).find((p) => p.xid === xid && p.pReq !== undefined);
    if (purchase === undefined) return reject('unexpected', 'unknown XID');
    if (purchase.status === 'authorised' || purchase.status === 'declined') return reject('replay', 'already decided');
    if (purchase.status !== 'requested') return reject('unexpected', 'not waiting for an AuthRes');
  }
  const certS = f.get('CertS(P)') as Certificate;
  const failure = certificateFailure(env, 'merchant', 'merchant.AuthRes.gateway-certificate', certS, { type: 'gateway', usage: 'signature' });
  if (failure) return reject(failure);
  const gateway = env.gatewayOf[state.name] ?? '';
  if (checks(env, 'merchant.AuthRes.gateway') && certS.subject !== agent(gateway)) return reject('mismatch:gateway');
  if (checks(env, 'merchant.AuthRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  const transId = tuple(f.get('AuthResData.LID_C'), f.get('AuthResData.LID_M'), xid);
  if (checks(env, 'merchant.AuthRes.transid') && transId !== purchase.transId) return reject('mismatch:transid');
  if (shape.merchantInAuthRes && checks(env, 'merchant.AuthRes.merchant') && f.get('AuthResData.MerchantID') !== agent(state.name)) return reject('mismatch:merchant');
  const authAmt = f.get('AuthResData.AuthAmt') as Amount;
  const asked = purchase.authReq!.amount;
  if (checks(env, 'merchant.AuthRes.amount') && (authAmt.currency !== asked.currency || authAmt.minorUnits > asked.minorUnits)) return reject('mismatch:amount');
  const approved = form === 'approved';
  const decided: MerchantPurchase = {
    ...purchase,
    status: approved ? 'authorised' : 'declined',
    authAmt: approved ? authAmt.minorUnits : null,
    authReq: { ...purchase.authReq!, answered: true },
    approval: approved ? { authAmt, authCode: f.get('AuthResData.AuthCode'), token: f.get('CapToken') } : purchase.approval,
  };
  const answer = approved ? f.get('AuthResData.AuthCode') : reason!;
  const commit = log({
    type: 'commit', goal: 'merchant-agrees-with-gateway', by: state.name, peer: certS.subject, form: purchase.pReq!.form,
    values: tuple(agent(state.name), certS.subject, purchase.transId!, approved ? authAmt : amount(authAmt.currency, 0), answer),
  });
  const sent = sendPRes(state, decided, purchase.pReq!.rrpid);
  return accept(approved ? 'AuthResS' : 'AuthResUns', { ...withPurchase(state, sent.purchase), answered: withId(state.answered, rrpid.id) }, [
    commit, ...sent.outputs, ...relied(state.name, env, certS),
  ]);
}

/** SET.md 5.8: fulfil(p) only for a purchase whose own (MerchantID, XID) was approved, once. */
export function fulfil(state: MerchantState, id: string): Reaction<MerchantState> {
  const purchase = state.purchases[id];
  if (purchase === undefined || purchase.status !== 'authorised' || purchase.fulfilled) return reject('unexpected', 'not an approved, unfulfilled purchase');
  return accept('Fulfil', withPurchase(state, { ...purchase, fulfilled: true }), [
    log({ type: 'fulfil', merchant: state.name, purchase: id, xid: purchase.xid!, approvedFor: state.name }),
  ]);
}

