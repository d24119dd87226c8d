/**
 * Capture at the merchant (SET.md 6.1, 6.4; docs/decisions.md D20, D22): an honest merchant
 * captures only its own approved purchases, at most their AuthAmt, each once; otherwise the
 * whole `capture` is refused and nothing is sent. CapRes: M's checks, then each item recorded.
 */
import { agent, amount, privateKey, signatureVerifies, tuple, type Amount, type Certificate, type Term } from '../../terms/index.ts';
import { build, parse, signedBody, templateOf } from '../../messages/index.ts';
import { CAPTURE_CODES } from '../../vocabulary/outcomes.ts';
import { certificateFailure, checks, freshKey, freshNonce, keysOf, opensFor, relied, send, type Delivery } from '../common.ts';
import { hasId, withId } from '../id-set.ts';
import { accept, reject, type Reaction } from '../reaction.ts';
import type { CaptureBatch, MerchantPurchase, MerchantState } from './state.ts';

export function capture(state: MerchantState, batch: string, items: readonly { purchase: string; amount: number }[]): Reaction<MerchantState> {
  const env = state.env;
  if (items.length === 0 || state.batches[batch] !== undefined) return reject('unexpected', 'empty or repeated batch');
  const seen = new Set<string>();
  const purchases: MerchantPurchase[] = [];
  for (const item of items) {
    const purchase = state.purchases[item.purchase];
    if (
      purchase === undefined || purchase.status !== 'authorised' || purchase.captureRequested || seen.has(item.purchase) ||
      !Number.isSafeInteger(item.amount) || item.amount < 0 || item.amount > (purchase.authAmt ?? -1)
    ) {
      return reject('unexpected', `item ${item.purchase} cannot be captured (D20)`);
    }
    seen.add(item.purchase);
    purchases.push(purchase);
  }
  const identity = state.identity;
  const gateway = env.gatewayOf[state.name] ?? '';
  const gatewayCertificate = env.directory[gateway]?.keyExchange;
  if (identity === undefined || gatewayCertificate === undefined) return reject('unexpected', 'the merchant has no certificates');
  const rrpid = freshNonce(state.name, batch, 'RRPID');
  const rows = purchases.map((p, i) => {
    const [lidC, lidM, xid] = (p.transId as Term & { kind: 'tuple' }).items as [Term, Term, Term];
    return { LID_C: lidC, LID_M: lidM, XID: xid, CapReqAmt: amount(p.purchAmt.currency, items[i]!.amount) };
  });
  const term = build(templateOf('CapReq', 'plain', env.profile.shape), {
    values: { RRPID: rrpid, MerchantID: agent(state.name), 'CertS(M)': identity.signature, 'CertE(M)': identity.keyExchange, k: freshKey(state.name, batch, 'CapReq') },
    lists: { Items: rows, CapTokens: purchases.map((p) => ({ CapToken: p.approval!.token })) },
    keys: { signer: privateKey(state.name, 'signature', identity.generation), gateway: gatewayCertificate.subjectKey },
  });
  const record: CaptureBatch = {
    id: batch, rrpid, answered: false, items: purchases.map((p, i) => ({ purchase: p.id, transId: p.transId!, amount: items[i]!.amount })),
  };
  let next: MerchantState = { ...state, batches: { ...state.batches, [batch]: record } };
  for (const p of purchases) next = { ...next, purchases: { ...next.purchases, [p.id]: { ...p, captureRequested: true } } };
  return accept('Capture', next, [send('CapReq', 'plain', gateway, term)]);
}

export function onCapRes(state: MerchantState, event: Delivery): Reaction<MerchantState> {
  const env = state.env;
  const template = templateOf('CapRes', 'plain', env.profile.shape);
  const parsed = parse(template, event.message, { capability: opensFor(keysOf(state.name, 'keyExchange', state.keyPairs)) });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const count = f.count('Items');
  for (let i = 1; i <= count; i++) {
    const code = f.get(`Items[${i}].CapCode`);
    if (code.kind !== 'text' || !(CAPTURE_CODES as readonly string[]).includes(code.value)) return reject('malformed', 'CapCode');
  }
  const rrpid = f.get('RRPID');
  if (hasId(state.answered, rrpid.id)) return reject('replay');
  const batch = Object.values(state.batches).find((b) => b.rrpid === rrpid && !b.answered);
  if (batch === undefined) return reject('unexpected', 'no outstanding CapReq');
  const certS = f.get('CertS(P)') as Certificate;
  const failure = certificateFailure(env, 'merchant', 'merchant.CapRes.gateway-certificate', certS, { type: 'gateway', usage: 'signature' });
  if (failure) return reject(failure);
  if (checks(env, 'merchant.CapRes.gateway') && certS.subject !== agent(env.gatewayOf[state.name] ?? '')) return reject('mismatch:gateway');
  if (checks(env, 'merchant.CapRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  if (checks(env, 'merchant.CapRes.merchant') && f.get('MerchantID') !== agent(state.name)) return reject('mismatch:merchant');
  let next: MerchantState = { ...state, answered: withId(state.answered, rrpid.id), batches: { ...state.batches, [batch.id]: { ...batch, answered: true } } };
  for (let i = 1; i <= count; i++) {
    const transId = tuple(f.get(`Items[${i}].LID_C`), f.get(`Items[${i}].LID_M`), f.get(`Items[${i}].XID`));
    const item = batch.items.find((it) => it.transId === transId);
    const code = f.get(`Items[${i}].CapCode`);
    if (item === undefined || code.kind !== 'text' || code.value !== 'captured') continue;
    const purchase = next.purchases[item.purchase]!;
    next = { ...next, purchases: { ...next.purchases, [purchase.id]: { ...purchase, captured: purchase.captured + (f.get(`Items[${i}].CapAmt`) as Amount).minorUnits } } };
  }
  return accept('CapRes', next, relied(state.name, env, certS));
}

