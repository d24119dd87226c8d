/**
 * Each variant of SET.md section 10 changes the implementation's behaviour exactly where its
 * name says: the same move is rejected on the correct protocol and accepted (or the message
 * carries what it should not) under the variant.
 */
import { describe, expect, test } from 'vitest';
import { openExtra } from '../crypto/extra-encryption.ts';
import { relayAuthReq } from '../deployment/attacker.test-helpers.ts';
import { CARDS, EUR, expectAllAccepted, purchase, purchaseUntil, sentOf, world } from '../deployment/fixture.test-helpers.ts';
import { bodyOf, flipByte, withBody, zeros } from '../deployment/forge.test-helpers.ts';
import { decodeData } from '../wire/data.ts';
import { openWithBaggage } from '../crypto/envelope.ts';
import { composeProtocol, protocolOf } from './protocol.ts';
import { VARIANTS, VARIANT_NAMES } from './variants.ts';

/** Runs `move` on the correct protocol and on `variant`; returns both outcomes. */
async function compare(variant: string, move: (variants: string[]) => Promise<string>): Promise<{ correct: string; weakened: string }> {
  return { correct: await move([]), weakened: await move([variant]) };
}

describe('the variant list', () => {
  test('holds the fifteen variants of SET.md section 10, each a weakening with a description', () => {
    expect(VARIANT_NAMES).toEqual([
      'no-dual-signature',
      'oi-without-merchant',
      'pi-without-merchant',
      'no-challenges',
      'merchant-skips-dual-signature',
      'authres-without-merchant',
      'gateway-ignores-amount',
      'any-cert-for-encryption',
      'no-chain-validation',
      'no-revocation-check',
      'pan-in-order',
      'od-to-gateway',
      'token-not-bound',
      'capture-over-authorisation',
      'registration-without-issuer-check',
    ]);
    for (const v of VARIANTS) {
      expect(v.description.length).toBeGreaterThan(10);
      expect(Object.values(v.rules).every((value) => value === false)).toBe(true);
    }
  });

  test('variants compose; an unknown name is an error listing the known ones; a variant cannot strengthen', () => {
    const both = protocolOf(['pan-in-order', 'token-not-bound']);
    expect(both.name).toBe('SET+pan-in-order+token-not-bound');
    expect([both.rules.panOutsideOrder, both.rules.tokenBound, both.rules.dualSignature]).toEqual([false, false, true]);
    expect(() => protocolOf(['no-such-thing'])).toThrow(/unknown variant "no-such-thing"; known: no-dual-signature, /);
    expect(() => composeProtocol([{ name: 'x', description: 'x', rules: { tokenBound: true } }])).toThrow(/only turns rules off/);
    expect(() => protocolOf(['pan-in-order', 'pan-in-order'])).toThrow(/given twice/);
  });
});

describe('each variant changes what its name says', () => {
  test('no-dual-signature: H(PIData) beside OIData is under no signature, so M accepts a changed one', async () => {
    const r = await compare('no-dual-signature', async (variants) => {
      const w = await world({ variants });
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 100, 'PReq');
      const body = bodyOf(message, 'PReq');
      if (variants.length) expect(body.oi.oiSignature).toBeDefined();
      return (await w.d.deliver(withBody(message, 'PReq', { ...body, oi: { ...body.oi, piDataHash: zeros(32) } }), from)).outcome;
    });
    expect(r).toEqual({ correct: 'bad-signature', weakened: 'accepted' });
  });

  test('oi-without-merchant: OIData names no merchant, and the purchase still completes', async () => {
    const w = await world({ variants: ['oi-without-merchant'] });
    const run = await purchase(w, 'C1', 'p1', 'M1', 100);
    expectAllAccepted(run);
    expect(bodyOf(sentOf(run, 'PReq').message, 'PReq').oi.oiData.merchantID).toBeUndefined();
  });

  test("pi-without-merchant: a merchant that relays C's PI in its own AuthReq is approved", async () => {
    const r = await compare('pi-without-merchant', async (variants) => {
      const w = await world({ variants, merchants: ['M1', 'M2'] });
      const { message } = await purchaseUntil(w, 'C1', 'p1', 'M1', 100, 'PReq');
      return (await w.d.deliver(await relayAuthReq(w, message, 'M2', EUR(100)), 'M2')).outcome;
    });
    expect(r).toEqual({ correct: 'mismatch:merchant', weakened: 'accepted' });
  });

  test('no-challenges: no PInitReq; a PReq replayed to M is accepted again (and answered with a second AuthReq)', async () => {
    const r = await compare('no-challenges', async (variants) => {
      const w = await world({ variants });
      const m1 = w.m.M1!;
      w.c.C1!.learnMerchant('M1', { merchantCertS: m1.certificates!.certS, gatewayCertE: w.d.gatewayCertificate('P1') });
      const order = { id: 'p1', merchant: 'M1', lidM: await m1.agreeOrder('p1', { od: [{ description: 'x', quantity: 1, unitPrice: 100 }], purchAmt: EUR(100) }), od: [{ description: 'x', quantity: 1, unitPrice: 100 }], purchAmt: EUR(100), signed: true };
      if (variants.length === 0) {
        const { message, from } = await purchaseUntil(w, 'C1', 'p2', 'M1', 100, 'PReq');
        await w.d.runToQuiet(message, from);
        return (await w.d.deliver(message, from)).outcome;
      }
      const preq = await w.c.C1!.startPurchase(order);
      expect(preq.kind).toBe('PReq');
      await w.d.runToQuiet(preq, 'C1');
      const again = await w.d.deliver(preq, 'C1');
      expect(again.sent.map((s) => s.kind)).toEqual(['AuthReq']);
      return again.outcome;
    });
    expect(r).toEqual({ correct: 'replay', weakened: 'accepted' });
  });

  test('merchant-skips-dual-signature: M accepts a PReq whose dual signature is broken (P still rejects it)', async () => {
    const r = await compare('merchant-skips-dual-signature', async (variants) => {
      const w = await world({ variants });
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 100, 'PReq');
      const body = bodyOf(message, 'PReq');
      if (body.pi.kind !== 'signed') throw new Error('signed');
      const broken = withBody(message, 'PReq', { ...body, pi: { kind: 'signed', value: { ...body.pi.value, ds: flipByte(body.pi.value.ds) } } });
      const result = await w.d.deliver(broken, from);
      if (variants.length) expect((await w.d.deliver(result.sent[0]!, 'M1')).outcome).toBe('bad-signature');
      return result.outcome;
    });
    expect(r).toEqual({ correct: 'bad-signature', weakened: 'accepted' });
  });

  test('authres-without-merchant: AuthResData names no merchant and M matches it by TransID', async () => {
    const w = await world({ variants: ['authres-without-merchant'] });
    const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 100, 'AuthRes');
    const result = bodyOf(message, 'AuthRes').result;
    if (result.kind !== 'approved') throw new Error('approved expected');
    const opened = await openWithBaggage(w.d.env.ctx, w.m.M1!.certificates!.keys.keyExchange.pair.privateKey, result.value, 't');
    const data = opened.ok ? decodeData('AuthResData', opened.value.content, w.d.protocol.wire) : null;
    expect(data?.ok).toBe(true);
    expect(data?.ok && data.value.merchantID).toBeUndefined();
    expect((await w.d.deliver(message, from)).check).toBeUndefined();
    expect(w.d.views().merchants.M1!.purchases.p1!.status).toBe('authorised');
  });

  test('gateway-ignores-amount: an AuthReq asking more than the PurchAmt is approved', async () => {
    const r = await compare('gateway-ignores-amount', async (variants) => {
      const w = await world({ variants, merchants: ['M1'] });
      const { message } = await purchaseUntil(w, 'C1', 'p1', 'M1', 100, 'PReq');
      return (await w.d.deliver(await relayAuthReq(w, message, 'M1', EUR(5000)), 'M1')).outcome;
    });
    expect(r).toEqual({ correct: 'mismatch:amount', weakened: 'accepted' });
  });

  test("any-cert-for-encryption: C takes the merchant's own key as the gateway's, and the merchant opens the PI", async () => {
    const r = await compare('any-cert-for-encryption', async (variants) => {
      const w = await world({ variants });
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 100, 'PInitRes');
      const body = bodyOf(message, 'PInitRes');
      const { resign } = await import('../deployment/forge.test-helpers.ts');
      const { thumbprint } = await import('../crypto/set-values.ts');
      const peThumb = await thumbprint(w.d.env.ctx, body.merchantCertE);
      const signed = await resign(w.d.env.ctx, body.signed, 'PInitResData', w.m.M1!.certificates!.keys.signature.pair.privateKey, (v) => ({ ...v, peThumb }));
      const result = await w.d.deliver(withBody(message, 'PInitRes', { ...body, signed, gatewayCertE: body.merchantCertE }), from);
      if (result.outcome === 'accepted') {
        const pi = bodyOf(result.sent[0]!, 'PReq').pi;
        if (pi.kind !== 'signed') throw new Error('signed');
        const opened = await openExtra(w.d.env.ctx, w.m.M1!.certificates!.keys.keyExchange.pair.privateKey, pi.value.ex, 'PI', false);
        expect(opened.ok && Buffer.from(opened.value.secret).includes(Buffer.from(CARDS.C1.pan))).toBe(true);
      }
      return result.outcome;
    });
    expect(r).toEqual({ correct: 'bad-certificate:wrong-type', weakened: 'accepted' });
  });

  test('no-chain-validation: C accepts a self-made merchant certificate that names the real MCA', async () => {
    const r = await compare('no-chain-validation', async (variants) => {
      const w = await world({ variants });
      const { message, from } = await purchaseUntil(w, 'C1', 'p1', 'M1', 100, 'PInitRes');
      const { issueCertificate } = await import('../pki/issue.ts');
      const m1 = w.m.M1!;
      const forged = await issueCertificate(w.d.env.ctx, {
        serial: '7f',
        commonName: 'M1',
        subjectPublicKey: m1.certificates!.keys.signature.pair.publicKey,
        type: 'merchant',
        usage: 'signature',
        day: 0,
        issuer: { name: w.d.pki.brand().mca.signatureCertificate.subjectName, publicKey: m1.certificates!.keys.signature.pair.publicKey, signingKey: m1.certificates!.keys.signature.pair.privateKey },
      });
      return (await w.d.deliver(withBody(message, 'PInitRes', { ...bodyOf(message, 'PInitRes'), merchantCertS: forged.der }), from)).outcome;
    });
    expect(r).toEqual({ correct: 'bad-certificate:untrusted', weakened: 'accepted' });
  });

  test('no-revocation-check: a revoked merchant keeps trading', async () => {
    const r = await compare('no-revocation-check', async (variants) => {
      const w = await world({ variants });
      await w.d.revoke('M1');
      const run = await purchase(w, 'C1', 'p1', 'M1', 100);
      return sentOf(run, 'PInitRes').result.outcome;
    });
    expect(r).toEqual({ correct: 'bad-certificate:revoked', weakened: 'accepted' });
  });

  test('pan-in-order: the PAN travels in the clear in OIData', async () => {
    const w = await world({ variants: ['pan-in-order'] });
    const run = await purchase(w, 'C1', 'p1', 'M1', 100);
    expectAllAccepted(run);
    expect(Buffer.from(sentOf(run, 'PReq').message.bytes).includes(Buffer.from(CARDS.C1.pan))).toBe(true);
  });

  test('od-to-gateway: AuthReqData carries the order description', async () => {
    const w = await world({ variants: ['od-to-gateway'] });
    const run = await purchase(w, 'C1', 'p1', 'M1', 100);
    expectAllAccepted(run);
    const p1 = w.d.gateways.get('P1')!;
    const opened = await openWithBaggage(w.d.env.ctx, p1.keyExchangeKeys.privateKey, bodyOf(sentOf(run, 'AuthReq').message, 'AuthReq').envelope, 't');
    const data = opened.ok ? decodeData('AuthReqData', opened.value.content, w.d.protocol.wire) : null;
    expect(data?.ok && data.value.od?.[0]?.description).toBe('SET, the textbook');
  });

  test("token-not-bound: another merchant's token is captured into the thief's account", async () => {
    const r = await compare('token-not-bound', async (variants) => {
      const w = await world({ variants, merchants: ['M1', 'M2'] });
      expectAllAccepted(await purchase(w, 'C1', 'p1', 'M1', 100));
      expectAllAccepted(await purchase(w, 'C1', 'p2', 'M2', 100));
      w.m.M2!.records.orders.get('p2')!.capToken = w.m.M1!.records.orders.get('p1')!.capToken!;
      const run = await w.d.runToQuiet((await w.m.M2!.capture([{ purchase: 'p2', amount: 100 }])).sent!, 'M2');
      return sentOf(run, 'CapReq').result.items![0]!;
    });
    expect(r).toEqual({ correct: 'bad-token', weakened: 'captured' });
  });

  test('capture-over-authorisation: a capture over AuthAmt is captured', async () => {
    const r = await compare('capture-over-authorisation', async (variants) => {
      const w = await world({ variants });
      expectAllAccepted(await purchase(w, 'C1', 'p1', 'M1', 100));
      w.m.M1!.records.orders.get('p1')!.authAmt = EUR(1000);
      const run = await w.d.runToQuiet((await w.m.M1!.capture([{ purchase: 'p1', amount: 999 }])).sent!, 'M1');
      return sentOf(run, 'CapReq').result.items![0]!;
    });
    expect(r).toEqual({ correct: 'over-authorised', weakened: 'captured' });
  });
});
