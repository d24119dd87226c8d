/** Outcomes at the cardholder: registration responses, PInitRes (SET.md 5.2) and PRes (5.7). */
import { panSecret, uniqueCardholderId } from '../../crypto/set-values.ts';
import { signAndEncryptUnderKey } from '../../crypto/envelope.ts';
import { encodeData } from '../../wire/data.ts';
import { purchaseUntil, runUntil, world } from '../../deployment/fixture.test-helpers.ts';
import { bodyOf, flipByte, resign, text, withBody, zeros } from '../../deployment/forge.test-helpers.ts';
import * as x509 from '@peculiar/x509';
import { issueCertificate } from '../../pki/issue.ts';
import type { OutcomeCase } from './case.test-helpers.ts';

/** PInitRes whose CertS(M) is a certificate for M1's key that no real MCA signed. */
async function pinitResWithForgedCertificate(issuerName: 'real MCA' | 'unknown CA') {
  const a = await pinitRes();
  const mca = a.w.d.pki.brand().mca;
  const m1 = a.w.m.M1!;
  const forged = await issueCertificate(a.ctx, {
    serial: '7f',
    commonName: 'M1',
    subjectPublicKey: m1.certificates!.keys.signature.pair.publicKey,
    type: 'merchant',
    usage: 'signature',
    day: 0,
    issuer:
      issuerName === 'real MCA'
        ? { name: mca.signatureCertificate.subjectName, publicKey: mca.signatureKeys.publicKey, signingKey: m1.certificates!.keys.signature.pair.privateKey }
        : { name: new Uint8Array(new x509.Name('CN=Evil!').toArrayBuffer()), publicKey: m1.certificates!.keys.signature.pair.publicKey, signingKey: m1.certificates!.keys.signature.pair.privateKey },
  });
  return { ...a, message: withBody(a.message, 'PInitRes', { ...a.body, merchantCertS: forged.der }) };
}

/** C1's PInitRes of p1 from M1, not yet delivered. */
async function pinitRes(options: Parameters<typeof world>[0] = {}) {
  const w = await world(options);
  const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PInitRes');
  return { w, message, from, body: bodyOf(message, 'PInitRes'), key: w.m.M1!.certificates!.keys.signature.pair.privateKey, ctx: w.d.env.ctx };
}

/** C1's PRes of p1 from M1, not yet delivered. */
async function pres() {
  const w = await world({ merchants: ['M1', 'M2'] });
  const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PRes');
  return { w, message, from, body: bodyOf(message, 'PRes'), key: w.m.M1!.certificates!.keys.signature.pair.privateKey, ctx: w.d.env.ctx };
}

async function presResigned(mutate: (v: any) => any) {
  const a = await pres();
  const signed = await resign(a.ctx, a.body.signed, 'PResData', a.key, mutate);
  return { w: a.w, from: a.from, message: withBody(a.message, 'PRes', { ...a.body, signed }) };
}

async function pinitResResigned(mutate: (v: any) => any) {
  const a = await pinitRes();
  const signed = await resign(a.ctx, a.body.signed, 'PInitResData', a.key, mutate);
  return { w: a.w, from: a.from, message: withBody(a.message, 'PInitRes', { ...a.body, signed }) };
}

export const CARDHOLDER_CASES: OutcomeCase[] = [
  {
    title: 'random bytes',
    outcome: 'malformed',
    arrange: async () => {
      const w = await world({ register: false });
      return { w, from: 'M1', message: { to: 'C1', kind: 'PRes', bytes: Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x07) } };
    },
  },
  {
    title: 'a PInitRes for a PInitReq another cardholder sent',
    outcome: 'unexpected',
    arrange: async () => {
      const w = await world({ cardholders: ['C1', 'C2'] });
      const { message } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PInitRes');
      return { w, from: 'M1', message: { ...message, to: 'C2' } };
    },
  },
  {
    title: 'a message kind a cardholder never takes (PReq)',
    outcome: 'unexpected',
    arrange: async () => {
      const w = await world();
      const { message } = await purchaseUntil(w, 'C1', 'p1', 'M1', 1000, 'PReq');
      return { w, from: 'M1', message: { ...message, to: 'C1' } };
    },
  },
  {
    title: 'the PRes delivered a second time',
    outcome: 'replay',
    arrange: async () => {
      const a = await pres();
      await a.w.d.deliver(a.message, a.from);
      return a;
    },
  },
  {
    title: 'PInitRes from another merchant that also agreed an order under the same LID_M (C1 redirected to M2)',
    outcome: 'mismatch:merchant',
    arrange: async () => {
      const w = await world({ merchants: ['M1', 'M2'] });
      const order = { od: [{ description: 'x', quantity: 1, unitPrice: 1 }], purchAmt: { currency: 'EUR', minorUnits: 1 } };
      await w.m.M1!.agreeOrder('p1', order);
      await w.m.M2!.agreeOrder('p1', order);
      const pinitReq = await w.c.C1!.startPurchase({ id: 'p1', merchant: 'M1', lidM: 'p1', ...order, signed: true });
      const answer = await w.d.deliver({ ...pinitReq, to: 'M2' }, 'C1');
      return { w, from: 'M2', message: answer.sent[0]! };
    },
  },
  { title: 'PInitRes whose TransID carries another LID_C', outcome: 'mismatch:transid', arrange: () => pinitResResigned((v) => ({ ...v, transID: { ...v.transID, lidC: text('p9') } })) },
  { title: "PInitRes whose PEThumb is not the gateway certificate's", outcome: 'mismatch:gateway', arrange: () => pinitResResigned((v) => ({ ...v, peThumb: zeros(32) })) },
  { title: 'PInitRes not echoing Chall_C', outcome: 'mismatch:challenge', arrange: () => pinitResResigned((v) => ({ ...v, challC: zeros(20) })) },
  {
    title: "PInitRes with one bit of the merchant's signature flipped",
    outcome: 'bad-signature',
    arrange: async () => {
      const a = await pinitRes();
      return { ...a, message: withBody(a.message, 'PInitRes', { ...a.body, signed: { ...a.body.signed, signature: flipByte(a.body.signed.signature) } }) };
    },
  },
  {
    title: "PInitRes naming the merchant's own key-exchange certificate as the gateway's",
    outcome: 'bad-certificate:wrong-type',
    arrange: async () => {
      const a = await pinitRes();
      return { ...a, message: withBody(a.message, 'PInitRes', { ...a.body, gatewayCertE: a.body.merchantCertE }) };
    },
  },
  {
    title: "PInitRes with the merchant's key-exchange certificate as its signature certificate",
    outcome: 'bad-certificate:wrong-usage',
    arrange: async () => {
      const a = await pinitRes();
      return { ...a, message: withBody(a.message, 'PInitRes', { ...a.body, merchantCertS: a.body.merchantCertE }) };
    },
  },
  { title: 'PInitRes with a merchant certificate issued by an unknown CA ("Evil!")', outcome: 'bad-certificate:untrusted', arrange: () => pinitResWithForgedCertificate('unknown CA') },
  { title: "PInitRes with a merchant certificate naming the real MCA but signed with the merchant's own key", outcome: 'bad-certificate:bad-chain-signature', arrange: () => pinitResWithForgedCertificate('real MCA') },
  {
    title: 'PInitRes of a merchant revoked before it arrives',
    outcome: 'bad-certificate:revoked',
    arrange: async () => {
      const a = await pinitRes();
      await a.w.d.revoke('M1');
      return a;
    },
  },
  {
    title: 'PInitRes arriving after the merchant certificate expired',
    outcome: 'bad-certificate:expired',
    arrange: async () => {
      const a = await pinitRes();
      a.w.d.advanceClock(365);
      return a;
    },
  },
  {
    title: 'PRes signed by another merchant (M2 re-signs it with its own certificate)',
    outcome: 'mismatch:merchant',
    arrange: async () => {
      const a = await pres();
      const m2 = a.w.m.M2!;
      const signed = await resign(a.ctx, a.body.signed, 'PResData', m2.certificates!.keys.signature.pair.privateKey, (v) => v);
      return { ...a, message: withBody(a.message, 'PRes', { signed, merchantCertS: m2.certificates!.certS }) };
    },
  },
  { title: 'PRes naming another TransID', outcome: 'mismatch:transid', arrange: () => presResigned((v) => ({ ...v, transID: { ...v.transID, xid: zeros(20) } })) },
  { title: 'PRes not echoing Chall_C', outcome: 'mismatch:challenge', arrange: () => presResigned((v) => ({ ...v, challC: zeros(20) })) },
  { title: 'PRes with another HOD', outcome: 'mismatch:hod', arrange: () => presResigned((v) => ({ ...v, hod: zeros(32) })) },
  { title: 'PRes with another H(PIData)', outcome: 'mismatch:pi-hash', arrange: () => presResigned((v) => ({ ...v, piDataHash: zeros(32) })) },
  {
    title: "CardCInitRes whose CAEThumb is not CertE(CCA)'s (re-signed by the CCA)",
    outcome: 'mismatch:thumbprint',
    arrange: async () => {
      const w = await world({ register: false });
      const { message, from } = await runUntil(w, await w.c.C1!.register('r1', 'CCA'), 'C1', 'CardCInitRes');
      const body = bodyOf(message, 'CardCInitRes');
      const signed = await resign(w.d.env.ctx, body.signed, 'CardCInitResData', w.d.cca.authority.signatureKeys.privateKey, (v) => ({ ...v, caeThumb: zeros(32) }));
      return { w, from, message: withBody(message, 'CardCInitRes', { ...body, signed }) };
    },
  },
  {
    title: 'CertRes whose certificate carries another UniqueCardholderID (a CCA that certifies the wrong card)',
    outcome: 'mismatch:cardholder-id',
    arrange: async () => {
      const w = await world({ register: false });
      const { message, from } = await runUntil(w, await w.c.C1!.register('r1', 'CCA'), 'C1', 'CertRes');
      const c1 = w.c.C1!;
      const reg = c1.records.registrations.get('r1')!;
      const ctx = w.d.env.ctx;
      const nonce = zeros(20);
      const wrongId = await uniqueCardholderId(ctx, { pan: '4999999999999999', cardExpiry: '202712' }, panSecret(reg.cardSecret!, nonce));
      const cert = await w.d.cca.authority.issueCardholder(wrongId, reg.key!.pair.publicKey);
      const rrpid = [...c1.records.requests.outstanding()][0]![0];
      const content = encodeData('CardholderCertResData', { rrpid, lidEE: reg.lidEE, challEE3: reg.challenge, lidCA: text('CCA-1'), caStatus: 'issued', cardCertNonce: nonce, cert: cert.der });
      const encrypted = await signAndEncryptUnderKey(ctx, reg.caBackKey!, w.d.cca.authority.signatureKeys.privateKey, content);
      return { w, from, message: withBody(message, 'CertRes', { kind: 'encrypted', value: encrypted }) };
    },
  },
];
