/**
 * AuthRes at the merchant (SET.md 5.6; seed steps 8-9): the checks in order, then the
 * decision recorded, the capture token kept, and the PRes sent to the cardholder.
 */
import { baggageMatches, openSigned, openWithBaggage } from '../../crypto/envelope.ts';
import type { CheckLog, Rejection } from '../../protocol/check-log.ts';
import { err, ok, type Result } from '../../result.ts';
import { Envelope, type Signed } from '../../wire/blobs.ts';
import { decode, describeMalformed } from '../../wire/codec.ts';
import { decodeData } from '../../wire/data.ts';
import type { AuthResData } from '../../wire/authorisation.ts';
import type { MessageBody } from '../../wire/messages.ts';
import { checkCertificate } from '../certificates.ts';
import { requireSignature } from '../checks.ts';
import type { Handled } from '../party.ts';
import { formatAmount, formatTransID, hex, sameTransID } from '../values.ts';
import { buildPRes, openWithAnyKey } from './purchase.ts';
import type { MerchantSelf } from './self.ts';
import type { Order } from './state.ts';

interface OpenedAuthRes {
  readonly signed: Signed;
  readonly data: AuthResData;
  readonly capToken: Envelope | null;
}

/** Step 1 of SET.md 8: the envelope opens with our key-exchange key and its contents decode. */
async function open(m: MerchantSelf, body: MessageBody<'AuthRes'>, log: CheckLog): Promise<Result<OpenedAuthRes, Rejection>> {
  const { ctx, protocol } = m.env;
  let signed: Signed;
  let content: Uint8Array;
  let capToken: Envelope | null = null;
  if (body.result.kind === 'approved') {
    const sealed = body.result.value;
    const opened = await openWithAnyKey(m, (key) => openWithBaggage(ctx, key, sealed, 'AuthRes.approved'));
    if (!opened?.ok) return err(log.fail('AuthRes envelope opens with our key-exchange key', 'malformed', opened ? describeMalformed(opened.error) : 'we hold no key-exchange key'));
    // docs/decisions.md D10: a baggage that is not the one signed fails the opening.
    if (!(await baggageMatches(ctx, opened.value))) return err(log.fail("the CapToken beside the envelope is the one whose hash P signed", 'malformed'));
    const token = decode(Envelope, opened.value.baggage, 'AuthRes.approved.baggage');
    if (!token.ok) return err(log.fail('the CapToken decodes', 'malformed', describeMalformed(token.error)));
    ({ signed, content } = opened.value);
    capToken = token.value;
  } else {
    const sealed = body.result.value;
    const opened = await openWithAnyKey(m, (key) => openSigned(ctx, key, sealed, 'AuthRes.declined'));
    if (!opened?.ok) return err(log.fail('AuthRes envelope opens with our key-exchange key', 'malformed', opened ? describeMalformed(opened.error) : 'we hold no key-exchange key'));
    signed = opened.value;
    content = opened.value.content;
  }
  const data = decodeData('AuthResData', content, protocol.wire, `AuthRes.${body.result.kind}.AuthResData`);
  if (!data.ok) return err(log.fail('decode AuthResData', 'malformed', describeMalformed(data.error)));
  const approved = data.value.decision.kind === 'approved';
  if (approved !== (body.result.kind === 'approved')) return err(log.fail('the decision matches the AuthRes form (EncB with a token on approval)', 'malformed'));
  log.pass('AuthRes envelope opens with our key-exchange key');
  return ok({ signed, data: data.value, capToken });
}

/**
 * "RRPID is its outstanding AuthReq's (unexpected if none, replay if answered)"; under
 * `authres-without-merchant` M does not match RRPID and finds the purchase by its TransID.
 */
function orderFor(m: MerchantSelf, log: CheckLog, data: AuthResData): Result<Order, Rejection> {
  if (!m.env.protocol.rules.merchantInAuthResponse) {
    const id = m.records.byXid.get(hex(data.transID.xid));
    const order = id === undefined ? undefined : m.records.orders.get(id);
    if (order && (order.status === 'authorised' || order.status === 'declined')) return err(log.fail('the purchase named by TransID waits for its AuthRes (RRPID not matched: authres-without-merchant)', 'replay'));
    if (!order || order.status !== 'requested') return err(log.fail('TransID names a purchase waiting for its AuthRes (RRPID not matched: authres-without-merchant)', 'unexpected'));
    log.pass('TransID names a purchase waiting for its AuthRes (RRPID not matched: authres-without-merchant)');
    return ok(order);
  }
  const found = m.records.requests.find(data.rrpid);
  if (found.state === 'answered') return err(log.fail('RRPID is our outstanding AuthReq', 'replay', 'already answered'));
  const order = found.state === 'outstanding' && found.session.kind === 'authorisation' ? m.records.orders.get(found.session.purchase) : undefined;
  if (!order || order.status !== 'requested') return err(log.fail('RRPID is our outstanding AuthReq', 'unexpected'));
  log.pass(`RRPID is our outstanding AuthReq of ${order.id}`);
  return ok(order);
}

export async function onAuthRes(m: MerchantSelf, body: MessageBody<'AuthRes'>, log: CheckLog): Promise<Handled> {
  const opened = await open(m, body, log);
  if (!opened.ok) return opened.error;
  const { data, signed, capToken } = opened.value;
  const found = orderFor(m, log, data);
  if (!found.ok) return found.error;
  const order = found.value;
  const cert = await checkCertificate(m.env, { kind: 'merchant', name: m.name }, log, { label: 'CertS(P)', der: body.gatewayCertS, role: 'gateway', usage: 'signature' });
  if (!cert.ok) return cert.error;
  const { rules } = m.env.protocol;
  const amountOk = data.authAmt.currency === order.authReqAmt!.currency && data.authAmt.minorUnits <= order.authReqAmt!.minorUnits;
  const failed =
    log.require(`CertS(P)'s subject is ${m.gateway.name}, the gateway named by PEThumb`, cert.value.commonName === m.gateway.name, 'mismatch:gateway') ??
    (await requireSignature(m.env, log, cert.value.publicKey, signed, 'AuthRes')) ??
    log.require('TransID is ours', sameTransID(data.transID, order.transID!), 'mismatch:transid') ??
    (rules.merchantInAuthResponse ? log.require('MerchantID is ours', data.merchantID === m.name, 'mismatch:merchant') : null) ??
    log.require('AuthAmt <= AuthReqAmt', amountOk, 'mismatch:amount');
  if (failed) return failed;

  // Accepted: record the decision, keep the token for capture, confirm to the cardholder (step 9).
  const approved = data.decision.kind === 'approved';
  m.records.requests.answer(data.rrpid);
  Object.assign(order, { status: approved ? 'authorised' : 'declined', authAmt: approved ? data.authAmt : null, capToken: capToken ?? undefined });
  m.env.log.append({
    kind: 'commit',
    by: m.name,
    goal: 'merchant-agrees-with-gateway',
    form: order.preq?.signed === false ? 'unsigned' : 'signed',
    values: {
      M: m.name,
      P: cert.value.commonName,
      TransID: formatTransID(data.transID),
      AuthAmt: formatAmount(data.authAmt),
      Decision: data.decision.kind === 'approved' ? `approved ${data.decision.value}` : `declined ${data.decision.value}`,
    },
  });
  return { sent: [await buildPRes(m, order, order.preq!.rrpid, order.preq!.customer)] };
}
