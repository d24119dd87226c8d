/**
 * Capture at the gateway (SET.md 6.2, 6.3, 6.4; docs/decisions.md D9, D10, D11, D20): the CapReq's
 * checks, then item by item (each with its own code, none stopping the others): the token is
 * P's own (`bad-token`), bound to the item and the signer (`bad-token`), never captured
 * (`duplicate`), within AuthAmt (`over-authorised`), else `captured` and cleared with the issuer.
 */
import { amount, hash, text, privateKey, publicKey, signatureVerifies, tuple, type Amount, type Certificate, type Term } from '../../terms/index.ts';
import { build, capTokenTemplate, parse, signedBody, templateOf } from '../../messages/index.ts';
import { ISSUER } from '../../vocabulary/agents.ts';
import type { CaptureCode } from '../../vocabulary/outcomes.ts';
import { call, certificateFailure, checks, freshKey, log, nameOf, opensFor, relied, send, type Delivery } from '../common.ts';
import { hasId, withId } from '../id-set.ts';
import type { Output } from '../outputs.ts';
import { accept, reject, type Reaction } from '../reaction.ts';
import type { GatewayState } from './state.ts';

export function onCapReq(state: GatewayState, event: Delivery): Reaction<GatewayState> {
  const env = state.env;
  const ownKey = publicKey(state.name, 'keyExchange');
  const template = templateOf('CapReq', 'plain', env.profile.shape);
  const parsed = parse(template, event.message, { capability: opensFor([ownKey]), opaque: new Set(['CapToken']) });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const count = f.count('Items');
  if (f.get('H(CapTokens)') !== hash(f.get('CapTokens')) || f.count('CapTokens') !== count) return reject('malformed', 'tokens do not match the items (D10)');
  const rrpid = f.get('CapReqData.RRPID');
  if (hasId(state.consumed, rrpid.id)) return reject('replay');
  const certS = f.get('CertS(M)') as Certificate;
  const certE = f.get('CertE(M)') as Certificate;
  const failure =
    certificateFailure(env, 'gateway', 'gateway.CapReq.merchant-certificates', certS, { type: 'merchant', usage: 'signature' }) ??
    certificateFailure(env, 'gateway', 'gateway.CapReq.merchant-certificates', certE, { type: 'merchant', usage: 'keyExchange' });
  if (failure) return reject(failure);
  if (checks(env, 'gateway.CapReq.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  const merchantId = f.get('CapReqData.MerchantID');
  if (checks(env, 'gateway.CapReq.merchant') && (merchantId !== certS.subject || merchantId !== certE.subject)) return reject('mismatch:merchant');
  const signer = nameOf(merchantId);
  const token = capTokenTemplate();
  const ownSignature = publicKey(state.name, 'signature');
  let next: GatewayState = { ...state, consumed: withId(state.consumed, rrpid.id) };
  const codes: CaptureCode[] = [];
  const outputs: Output[] = [];
  const rows: Record<string, Term>[] = [];
  for (let i = 1; i <= count; i++) {
    const itemTransId = tuple(f.get(`Items[${i}].LID_C`), f.get(`Items[${i}].LID_M`), f.get(`Items[${i}].XID`));
    const capReqAmt = f.get(`Items[${i}].CapReqAmt`) as Amount;
    const opened = parse(token, f.get(`CapTokens[${i}].CapToken`), { capability: opensFor([ownKey]) });
    let code: CaptureCode;
    let tokenFields: { tokenId: Term; merchant: string; xid: Term; lidC: string; authAmt: number; holdRef: Term } | undefined;
    if (!opened.ok || !signatureVerifies(opened.fields.get('CapToken.Signature'), ownSignature, signedBody(token, 'CapToken.Signature', opened.fields)!)) {
      code = 'bad-token';
    } else {
      const t = opened.fields;
      const tokenTransId = tuple(t.get('CapToken.LID_C'), t.get('CapToken.LID_M'), t.get('CapToken.XID'));
      const lidC = t.get('CapToken.LID_C');
      tokenFields = {
        tokenId: t.get('CapToken.TokenID'), merchant: nameOf(t.get('CapToken.MerchantID')), xid: t.get('CapToken.XID'),
        lidC: lidC.kind === 'text' ? lidC.value : '', authAmt: (t.get('CapToken.AuthAmt') as Amount).minorUnits, holdRef: t.get('CapToken.HoldRef'),
      };
      if (checks(env, 'gateway.CapReq.token-binding') && (tokenTransId !== itemTransId || t.get('CapToken.MerchantID') !== merchantId)) code = 'bad-token';
      else if (checks(env, 'gateway.CapReq.duplicate') && hasId(next.capturedTokens, tokenFields.tokenId.id)) code = 'duplicate';
      else if (checks(env, 'gateway.CapReq.over-authorised') && capReqAmt.minorUnits > tokenFields.authAmt) code = 'over-authorised';
      else code = 'captured';
    }
    codes.push(code);
    const captured = code === 'captured';
    if (captured && tokenFields !== undefined) {
      const a = capReqAmt.minorUnits;
      const byMerchant = next.decisions[tokenFields.lidC] ?? {};
      const entry = byMerchant[tokenFields.merchant];
      next = {
        ...next,
        capturedTokens: withId(next.capturedTokens, tokenFields.tokenId.id),
        ...(entry ? { decisions: { ...next.decisions, [tokenFields.lidC]: { ...byMerchant, [tokenFields.merchant]: { ...entry, captured: entry.captured + a } } } } : {}),
      };
      outputs.push(call(ISSUER, { type: 'clear', holdRef: tokenFields.holdRef, amount: a, merchant: signer }));
    }
    outputs.push(log({
      type: 'capture-item', gateway: state.name, code, paidTo: signer, amount: capReqAmt.minorUnits,
      ...(tokenFields ? { tokenId: tokenFields.tokenId, authorisedFor: tokenFields.merchant, xid: tokenFields.xid, authAmt: tokenFields.authAmt } : {}),
    }));
    rows.push({
      LID_C: f.get(`Items[${i}].LID_C`), LID_M: f.get(`Items[${i}].LID_M`), XID: f.get(`Items[${i}].XID`),
      CapCode: text(code), CapAmt: amount(capReqAmt.currency, captured ? capReqAmt.minorUnits : 0),
    });
  }
  const term = build(templateOf('CapRes', 'plain', env.profile.shape), {
    values: { RRPID: rrpid, MerchantID: merchantId, 'CertS(P)': env.directory[state.name]?.signature, k: freshKey(state.name, 'CapRes', rrpid.id) },
    lists: { Items: rows },
    keys: { signer: privateKey(state.name, 'signature'), recipient: certE.subjectKey },
  });
  const reaction = accept('CapReq', next, [...relied(state.name, env, certS, certE), ...outputs, send('CapRes', 'plain', event.from.name, term)]);
  return { ...reaction, items: codes };
}
