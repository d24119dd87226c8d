/**
 * Test-only moves of a dishonest party that holds its own real keys and certificates: a
 * merchant that forwards a cardholder's PI in its own AuthReq (redirection).
 */
import { hash } from '../crypto/digest.ts';
import { signAndSealWithBaggage } from '../crypto/envelope.ts';
import { fresh } from '../parties/values.ts';
import type { Outbound } from '../parties/party.ts';
import { encode } from '../wire/codec.ts';
import type { Amount } from '../wire/common.ts';
import { encodeData } from '../wire/data.ts';
import { encodeMessage, type MessageBody } from '../wire/messages.ts';
import { PI } from '../wire/purchase.ts';
import { bodyOf } from './forge.test-helpers.ts';
import type { World } from './fixture.test-helpers.ts';

/** `merchant` wraps the PI of `preq` (a PReq it saw) in an AuthReq of its own, asking `amount`. */
export async function relayAuthReq(w: World, preq: Outbound, merchant: string, amount: Amount): Promise<Outbound> {
  const ctx = w.d.env.ctx;
  const m = w.m[merchant]!;
  const body = bodyOf(preq, 'PReq');
  const { oiData } = body.oi;
  const data = encodeData('AuthReqData', { transID: oiData.transID, rrpid: fresh(ctx), merchantID: merchant, authReqAmt: amount, oiDataHash: await hash(ctx, encodeData('OIData', oiData)), hod: oiData.hod });
  const gateway = w.d.gateways.get(m.gateway.name)!;
  const envelope = await signAndSealWithBaggage(ctx, m.certificates!.keys.signature.pair.privateKey, gateway.keyExchangeKeys.publicKey, data, encode(PI, body.pi));
  const certs = m.certificates!;
  return { to: gateway.name, kind: 'AuthReq', bytes: encodeMessageOf({ envelope, merchantCertS: certs.certS, merchantCertE: certs.certE, ...(body.cardholderCertS ? { cardholderCertS: body.cardholderCertS } : {}) }) };
}

const encodeMessageOf = (value: MessageBody<'AuthReq'>) => encodeMessage({ kind: 'AuthReq', value });
