/**
 * Capture, the merchant's side (SET.md 5.8, 6.1, 6.4; seed step 11): a batch CapReq of
 * approved purchases with their tokens, and the checks of CapRes.
 */
import { signAndSealWithBaggage, openSigned } from '../../crypto/envelope.ts';
import type { CheckLog } from '../../protocol/check-log.ts';
import { CapTokens } from '../../wire/capture.ts';
import type { Amount } from '../../wire/common.ts';
import { describeMalformed } from '../../wire/codec.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import type { MessageBody } from '../../wire/messages.ts';
import { encode } from '../../wire/schema.ts';
import { checkCertificate } from '../certificates.ts';
import { requireSignature } from '../checks.ts';
import { outbound, type Handled, type Outbound } from '../party.ts';
import { fresh, hex, sameTransID } from '../values.ts';
import { gatewayKeyOf, openWithAnyKey } from './purchase.ts';
import type { MerchantSelf } from './self.ts';

export interface CaptureItem {
  readonly purchase: string;
  /** Minor units to capture; at most the purchase's AuthAmt. */
  readonly amount: number;
}

/**
 * SET.md 5.8/6.1: an honest merchant captures only approved purchases, once each, at most their
 * AuthAmt; a batch asking anything else is refused whole and sends nothing.
 */
export async function capture(m: MerchantSelf, items: readonly CaptureItem[]): Promise<{ readonly sent: Outbound | null; readonly reason?: string }> {
  if (items.length === 0) return { sent: null, reason: 'an empty batch' };
  const ids = new Set<string>();
  const capReqItems = [];
  const tokens = [];
  for (const item of items) {
    const order = m.records.orders.get(item.purchase);
    if (!order || order.status !== 'authorised' || !order.capToken || !order.authAmt) return { sent: null, reason: `${item.purchase} is not an approved purchase of ${m.name}` };
    if (order.captureRequested || ids.has(item.purchase)) return { sent: null, reason: `${item.purchase} is already captured or in this batch twice` };
    if (!Number.isSafeInteger(item.amount) || item.amount < 0 || item.amount > order.authAmt.minorUnits) return { sent: null, reason: `${item.amount} is not within the AuthAmt ${order.authAmt.minorUnits} of ${item.purchase}` };
    ids.add(item.purchase);
    const capReqAmt: Amount = { currency: order.authAmt.currency, minorUnits: item.amount };
    capReqItems.push({ transID: order.transID!, capReqAmt });
    tokens.push(order.capToken);
  }
  const { ctx } = m.env;
  const rrpid = fresh(ctx);
  const data = encodeData('CapReqData', { rrpid, merchantID: m.name, items: capReqItems });
  const envelope = await signAndSealWithBaggage(ctx, m.records.certificates!.keys.signature.pair.privateKey, await gatewayKeyOf(m), data, encode(CapTokens, tokens));
  for (const id of ids) m.records.orders.get(id)!.captureRequested = true;
  m.records.requests.open(rrpid, { kind: 'capture', purchases: [...ids] });
  const certificates = m.records.certificates!;
  return { sent: outbound(m.gateway.name, { kind: 'CapReq', value: { envelope, merchantCertS: certificates.certS, merchantCertE: certificates.certE } }) };
}

/** SET.md 6.4: M checks RRPID, CertS(P), the signature and MerchantID, and records each item. */
export async function onCapRes(m: MerchantSelf, body: MessageBody<'CapRes'>, log: CheckLog): Promise<Handled> {
  const opened = await openWithAnyKey(m, (key) => openSigned(m.env.ctx, key, body.envelope, 'CapRes.envelope'));
  if (!opened?.ok) return log.fail('CapRes envelope opens with our key-exchange key', 'malformed', opened ? describeMalformed(opened.error) : 'we hold no key-exchange key');
  const data = decodeData('CapResData', opened.value.content, m.env.protocol.wire, 'CapRes.envelope.CapResData');
  if (!data.ok) return log.fail('decode CapResData', 'malformed', describeMalformed(data.error));
  log.pass('CapRes envelope opens with our key-exchange key');
  const found = m.records.requests.find(data.value.rrpid);
  if (found.state === 'answered') return log.fail('RRPID is our outstanding CapReq', 'replay', 'already answered');
  if (found.state !== 'outstanding' || found.session.kind !== 'capture') return log.fail('RRPID is our outstanding CapReq', 'unexpected');
  log.pass('RRPID is our outstanding CapReq');
  const cert = await checkCertificate(m.env, { kind: 'merchant', name: m.name }, log, { label: 'CertS(P)', der: body.gatewayCertS, role: 'gateway', usage: 'signature' });
  if (!cert.ok) return cert.error;
  const failed =
    log.require(`CertS(P)'s subject is ${m.gateway.name}, our gateway`, cert.value.commonName === m.gateway.name, 'mismatch:gateway') ??
    (await requireSignature(m.env, log, cert.value.publicKey, opened.value, 'CapRes')) ??
    log.require('MerchantID is ours', data.value.merchantID === m.name, 'mismatch:merchant');
  if (failed) return failed;

  m.records.requests.answer(data.value.rrpid);
  for (const item of data.value.items) {
    const id = m.records.byXid.get(hex(item.transID.xid));
    const order = id === undefined ? undefined : m.records.orders.get(id);
    if (order && found.session.purchases.includes(order.id) && sameTransID(order.transID!, item.transID) && item.capCode === 'captured') order.captured += item.capAmt.minorUnits;
  }
  return { sent: [] };
}
