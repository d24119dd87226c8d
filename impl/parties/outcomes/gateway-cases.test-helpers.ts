/** Outcomes at the gateway: AuthReq (SET.md 5.5) and CapReq (6.2). */
import { hash } from '../../crypto/digest.ts';
import { dualSign } from '../../crypto/dual-signature.ts';
import { openWithBaggage, signAndSealWithBaggage } from '../../crypto/envelope.ts';
import { extraEncrypt, openExtra } from '../../crypto/extra-encryption.ts';
import { oaepEncrypt } from '../../crypto/oaep.ts';
import { newSymmetricKey, symmetricEncrypt } from '../../crypto/symmetric.ts';
import type { ContentHooks } from '../../protocol/hooks.ts';
import { ContentWithHash, OaepPayload } from '../../wire/blobs.ts';
import { decode, encode } from '../../wire/codec.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import { PI } from '../../wire/purchase.ts';
import { purchaseUntil, world, type World, type WorldOptions } from '../../deployment/fixture.test-helpers.ts';
import { bodyOf, flipByte, text, withBody, zeros } from '../../deployment/forge.test-helpers.ts';
import type { Outbound } from '../party.ts';
import type { OutcomeCase } from './case.test-helpers.ts';

const dishonest = (hooks: ContentHooks, options: WorldOptions = {}) => world({ ...options, plugins: [{ name: 'test-dishonest', description: 'a test forgery', rules: {}, hooks }], variants: ['test-dishonest'] });

async function authReqWith(hooks: ContentHooks, options: WorldOptions = {}) {
  const w = await dishonest(hooks, options);
  return { w, ...(await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'AuthReq')) };
}

/**
 * The honest AuthReq of p1, opened with the test's copy of P1's key, its PI rebuilt by
 * `rebuild`, and sealed again by M1 (a merchant forwarding what the cardholder sent).
 */
async function authReqWithPI(rebuild: (w: World, parts: { content: Uint8Array; secret: Uint8Array; ds: Uint8Array }) => Promise<Uint8Array>) {
  const w = await world();
  const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'AuthReq');
  const ctx = w.d.env.ctx;
  const p1 = w.d.gateways.get('P1')!;
  const body = bodyOf(message, 'AuthReq');
  const opened = await openWithBaggage(ctx, p1.keyExchangeKeys.privateKey, body.envelope, 'test');
  const pi = decode(PI, body.envelope.baggage, 'test');
  if (!opened.ok || !pi.ok || pi.value.kind !== 'signed') throw new Error('cannot open the honest AuthReq');
  const ex = await openExtra(ctx, p1.keyExchangeKeys.privateKey, pi.value.value.ex, 'test', false);
  if (!ex.ok) throw new Error('cannot open the honest PI');
  const newPI = await rebuild(w, { content: ex.value.content, secret: ex.value.secret, ds: pi.value.value.ds });
  const envelope = await signAndSealWithBaggage(ctx, w.m.M1!.certificates!.keys.signature.pair.privateKey, p1.keyExchangeKeys.publicKey, opened.value.content, newPI);
  return { w, from, message: withBody(message, 'AuthReq', { ...body, envelope }) as Outbound };
}

export const GATEWAY_CASES: OutcomeCase[] = [
  {
    title: 'an AuthReq delivered again',
    outcome: 'replay',
    arrange: async () => {
      const a = await authReqWith({});
      await a.w.d.deliver(a.message, a.from);
      return a;
    },
  },
  {
    title: 'an AuthReq for P1 delivered to P2 (the envelope does not open)',
    outcome: 'malformed',
    arrange: async () => {
      const a = await authReqWith({}, { gateways: ['P1', 'P2'] });
      return { ...a, message: { ...a.message, to: 'P2' } };
    },
  },
  {
    title: 'a kind the gateway never takes (PReq)',
    outcome: 'unexpected',
    arrange: async () => {
      const w = await world();
      const { message } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq');
      return { w, from: 'M1', message: { ...message, to: 'P1' } };
    },
  },
  {
    title: 'an AuthReq whose PI (the baggage) has one bit flipped on the way',
    outcome: 'mismatch:pi-hash',
    arrange: async () => {
      const a = await authReqWith({});
      const body = bodyOf(a.message, 'AuthReq');
      return { ...a, message: withBody(a.message, 'AuthReq', { ...body, envelope: { ...body.envelope, baggage: flipByte(body.envelope.baggage, 40) } }) };
    },
  },
  { title: 'an AuthReq whose MerchantID is not its signer', outcome: 'mismatch:merchant', arrange: () => authReqWith({ authReqData: (v) => ({ ...v, merchantID: 'M2' }) }) },
  { title: "an AuthReq whose H(OIData) is not the PI's", outcome: 'mismatch:oi-hash', arrange: () => authReqWith({ authReqData: (v) => ({ ...v, oiDataHash: zeros(32) }) }) },
  { title: "an AuthReq whose HOD is not the PI's", outcome: 'mismatch:hod', arrange: () => authReqWith({ authReqData: (v) => ({ ...v, hod: zeros(32) }) }) },
  { title: "an AuthReq whose TransID is not the PI's", outcome: 'mismatch:transid', arrange: () => authReqWith({ authReqData: (v) => ({ ...v, transID: { ...v.transID, lidC: text('p9') } }) }) },
  {
    title: 'an AuthReq asking more than the PurchAmt the cardholder signed',
    outcome: 'mismatch:amount',
    arrange: () => authReqWith({ authReqData: (v) => ({ ...v, authReqAmt: { ...v.authReqAmt, minorUnits: v.authReqAmt.minorUnits + 1 } }) }),
  },
  {
    title: 'a PI whose H(PANData) inside the extra encryption is wrong',
    outcome: 'mismatch:pan-hash',
    arrange: () =>
      authReqWithPI(async (w, parts) => {
        const ctx = w.d.env.ctx;
        const key = newSymmetricKey(ctx);
        const p1 = w.d.gateways.get('P1')!.keyExchangeKeys.publicKey;
        const ex = {
          encryptedContent: await symmetricEncrypt(ctx, key, encode(ContentWithHash, { content: parts.content, hash: zeros(32) })),
          oaepBlock: await oaepEncrypt(ctx, p1, encode(OaepPayload, { key, secret: parts.secret })),
        };
        return encode(PI, { kind: 'signed', value: { ds: parts.ds, ex } });
      }),
  },
  {
    title: 'a PI with one bit of the dual signature flipped (the merchant passes the PI on untouched)',
    outcome: 'bad-signature',
    arrange: () => authReqWithPI(async (w, parts) => {
      const ctx = w.d.env.ctx;
      const ex = await extraEncrypt(ctx, w.d.gateways.get('P1')!.keyExchangeKeys.publicKey, parts.content, parts.secret);
      return encode(PI, { kind: 'signed', value: { ds: flipByte(parts.ds), ex } });
    }),
  },
  {
    title: "a PI whose PANSecret does not make the certificate's UniqueCardholderID (dual-signed by the cardholder)",
    outcome: 'mismatch:cardholder-id',
    arrange: () =>
      authReqWithPI(async (w, parts) => {
        const ctx = w.d.env.ctx;
        const panData = decodeData('PANData', parts.secret);
        const link = decodeData('PIOILink', parts.content);
        if (!panData.ok || !link.ok) throw new Error('cannot read the PI');
        const forgedPan = { ...panData.value, panSecret: zeros(20) };
        const piDataHash = await hash(ctx, encodeData('PIData', { piHead: link.value.piHead, panData: forgedPan }));
        const ds = await dualSign(ctx, w.c.C1!.records.certificate!.key.pair.privateKey, { piDataHash, oiDataHash: link.value.oiDataHash! });
        const ex = await extraEncrypt(ctx, w.d.gateways.get('P1')!.keyExchangeKeys.publicKey, parts.content, encodeData('PANData', forgedPan));
        return encode(PI, { kind: 'signed', value: { ds, ex } });
      }),
  },
  {
    title: 'an AuthReq for a cardholder revoked after the merchant accepted the PReq',
    outcome: 'bad-certificate:revoked',
    arrange: async () => {
      const a = await authReqWith({});
      await a.w.d.revoke('C1');
      return a;
    },
  },
  {
    title: 'a CapReq delivered again',
    outcome: 'replay',
    arrange: async () => {
      const w = await world();
      await w.d.runToQuiet((await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PRes')).message, 'M1');
      const message = (await w.m.M1!.capture([{ purchase: 'p1', amount: 1000 }])).sent!;
      await w.d.deliver(message, 'M1');
      return { w, message, from: 'M1' };
    },
  },
];
