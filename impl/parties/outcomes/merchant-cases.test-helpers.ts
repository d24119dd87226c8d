/** Outcomes at the merchant: PInitReq (SET.md 5.1), PReq (5.3), AuthRes (5.6), InqReq (5.9), CapRes (6.4), CertRes (4.2). */
import { sign } from '../../crypto/signature.ts';
import type { ContentHooks } from '../../protocol/hooks.ts';
import { encodeData } from '../../wire/data.ts';
import { agree, purchaseUntil, runUntil, world, type WorldOptions } from '../../deployment/fixture.test-helpers.ts';
import { bodyOf, flipByte, resign, text, withBody, zeros } from '../../deployment/forge.test-helpers.ts';
import type { OutcomeCase } from './case.test-helpers.ts';

/** A world whose parties change message contents through hooks: dishonest parties who still sign correctly. */
const dishonest = (hooks: ContentHooks, options: WorldOptions = {}) => world({ ...options, plugins: [{ name: 'test-dishonest', description: 'a test forgery', rules: {}, hooks }], variants: ['test-dishonest'] });

/** The PReq of p1 built under `hooks`, not yet delivered to M1. */
async function preqWith(hooks: ContentHooks) {
  const w = await dishonest(hooks);
  return { w, ...(await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq')) };
}

async function authResWith(hooks: ContentHooks, options: WorldOptions = {}) {
  const w = await dishonest(hooks, options);
  return { w, ...(await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'AuthRes')) };
}

export const MERCHANT_CASES: OutcomeCase[] = [
  {
    title: 'a PInitReq for a LID_M with no agreed order',
    outcome: 'unexpected',
    arrange: async () => {
      const w = await world();
      const message = await w.c.C1!.startPurchase({ id: 'p1', merchant: 'M1', lidM: 'no-such-order', od: [{ description: 'x', quantity: 1, unitPrice: 1 }], purchAmt: { currency: 'EUR', minorUnits: 1 }, signed: true });
      return { w, message, from: 'C1' };
    },
  },
  {
    title: 'the same PInitReq twice',
    outcome: 'replay',
    arrange: async () => {
      const w = await world();
      const message = await w.c.C1!.startPurchase(await agree(w, 'p1', 'M1', 10));
      await w.d.deliver(message, 'C1');
      return { w, message, from: 'C1' };
    },
  },
  {
    title: 'the PReq delivered again after M accepted it',
    outcome: 'replay',
    arrange: async () => {
      const w = await world();
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq');
      await w.d.runToQuiet(message, from);
      return { w, message, from };
    },
  },
  {
    title: 'a PReq for an XID this merchant never issued (sent to M2)',
    outcome: 'unexpected',
    arrange: async () => {
      const w = await world({ merchants: ['M1', 'M2'] });
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq');
      return { w, from, message: { ...message, to: 'M2' } };
    },
  },
  { title: 'a PReq whose TransID changes LID_C (dual-signed by the cardholder)', outcome: 'mismatch:transid', arrange: () => preqWith({ oiData: (v) => ({ ...v, transID: { ...v.transID, lidC: text('zz') } }) }) },
  { title: 'a PReq with another Chall_M', outcome: 'mismatch:challenge', arrange: () => preqWith({ oiData: (v) => ({ ...v, challM: zeros(20) }) }) },
  { title: 'a PReq naming another merchant in OIData', outcome: 'mismatch:merchant', arrange: () => preqWith({ oiData: (v) => ({ ...v, merchantID: 'M9' }) }) },
  { title: 'a PReq whose HOD is not the agreed order', outcome: 'mismatch:hod', arrange: () => preqWith({ oiData: (v) => ({ ...v, hod: zeros(32) }) }) },
  {
    title: 'a PReq with one bit of the dual signature flipped',
    outcome: 'bad-signature',
    arrange: async () => {
      const w = await world();
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq');
      const body = bodyOf(message, 'PReq');
      if (body.pi.kind !== 'signed') throw new Error('signed form expected');
      return { w, from, message: withBody(message, 'PReq', { ...body, pi: { kind: 'signed', value: { ...body.pi.value, ds: flipByte(body.pi.value.ds) } } }) };
    },
  },
  {
    title: "a PReq carrying the merchant's certificate as the cardholder's",
    outcome: 'bad-certificate:wrong-type',
    arrange: async () => {
      const w = await world();
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq');
      return { w, from, message: withBody(message, 'PReq', { ...bodyOf(message, 'PReq'), cardholderCertS: w.m.M1!.certificates!.certS }) };
    },
  },
  {
    title: 'a PReq of a cardholder revoked after PInitRes',
    outcome: 'bad-certificate:revoked',
    arrange: async () => {
      const w = await world();
      const next = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq');
      await w.d.revoke('C1');
      return { w, ...next };
    },
  },
  { title: 'an AuthRes authorising more than asked', outcome: 'mismatch:amount', arrange: () => authResWith({ authResData: (v) => ({ ...v, authAmt: { ...v.authAmt, minorUnits: v.authAmt.minorUnits + 1 } }) }) },
  { title: 'an AuthRes for another TransID', outcome: 'mismatch:transid', arrange: () => authResWith({ authResData: (v) => ({ ...v, transID: { ...v.transID, lidM: text('other') } }) }) },
  { title: 'an AuthRes naming another merchant', outcome: 'mismatch:merchant', arrange: () => authResWith({ authResData: (v) => ({ ...v, merchantID: 'M9' }) }) },
  {
    title: "an AuthRes carrying another gateway's signature certificate",
    outcome: 'mismatch:gateway',
    arrange: async () => {
      const a = await authResWith({}, { gateways: ['P1', 'P2'] });
      return { ...a, message: withBody(a.message, 'AuthRes', { ...bodyOf(a.message, 'AuthRes'), gatewayCertS: a.w.d.gateways.get('P2')!.certS }) };
    },
  },
  {
    title: 'an AuthRes delivered again',
    outcome: 'replay',
    arrange: async () => {
      const a = await authResWith({});
      await a.w.d.deliver(a.message, a.from);
      return a;
    },
  },
  {
    title: 'an AuthRes enveloped to M1 delivered to M2 (the envelope does not open)',
    outcome: 'malformed',
    arrange: async () => {
      const a = await authResWith({}, { merchants: ['M1', 'M2'] });
      return { ...a, message: { ...a.message, to: 'M2' } };
    },
  },
  {
    title: 'an unsigned InqReq for a signed purchase',
    outcome: 'mismatch:cardholder-id',
    arrange: async () => {
      const w = await world();
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PRes');
      await w.d.deliver(message, from);
      const inq = (await w.c.C1!.inquire('p1'))!;
      const body = bodyOf(inq, 'InqReq');
      if (body.kind !== 'signed') throw new Error('signed expected');
      const data = { transID: w.c.C1!.records.purchases.get('p1')!.transID!, rrpid: zeros(20) };
      return { w, from: 'C1', message: withBody(inq, 'InqReq', { kind: 'unsigned', value: data }) };
    },
  },
  {
    title: 'an InqReq for a purchase M has no PReq of',
    outcome: 'unexpected',
    arrange: async () => {
      const w = await world();
      const { message } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq');
      const transID = bodyOf(message, 'PReq').oi.oiData.transID;
      const signed = await sign(w.d.env.ctx, w.c.C1!.records.certificate!.key.pair.privateKey, encodeData('InqReqData', { transID, rrpid: zeros(20) }));
      return { w, from: 'C1', message: { to: 'M1', kind: 'InqReq', bytes: withBody(message, 'InqReq', { kind: 'signed', value: { signed, cardholderCertS: w.c.C1!.certificate! } }).bytes } };
    },
  },
  {
    title: 'a CapRes delivered again',
    outcome: 'replay',
    arrange: async () => {
      const w = await world();
      await w.d.runToQuiet((await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PRes')).message, 'M1');
      const capReq = (await w.m.M1!.capture([{ purchase: 'p1', amount: 1000 }])).sent!;
      const { message, from } = await runUntil(w, capReq, 'M1', 'CapRes');
      await w.d.deliver(message, from);
      return { w, message, from };
    },
  },
  {
    title: "a CertRes certifying another merchant's key (re-signed by the MCA)",
    outcome: 'mismatch:key',
    arrange: async () => {
      const w = await world({ merchants: ['M1', 'M2'], register: false });
      await w.d.runToQuiet(await w.m.M2!.register('r2', 'MCA'), 'M2');
      const { message, from } = await runUntil(w, await w.m.M1!.register('r1', 'MCA'), 'M1', 'CertRes');
      const body = bodyOf(message, 'CertRes');
      if (body.kind !== 'signed') throw new Error('signed expected');
      const signed = await resign(w.d.env.ctx, body.value, 'MerchantCertResData', w.d.mca.authority.signatureKeys.privateKey, (v) => ({ ...v, certS: w.m.M2!.certificates!.certS }));
      return { w, from, message: withBody(message, 'CertRes', { kind: 'signed', value: signed }) };
    },
  },
];
