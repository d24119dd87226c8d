/**
 * The registering CAs (SET.md 4.1, 4.2): refusals are accepted deliveries whose answer is a
 * status; replayed and unknown forms and a failed proof of possession are rejected.
 */
import { describe, expect, test } from 'vitest';
import { SetDeployment } from '../../deployment/deployment.ts';
import { CARDS, expectAllAccepted, expectRejected, runUntil, world } from '../../deployment/fixture.test-helpers.ts';
import { Cardholder } from '../cardholder/cardholder.ts';
import { Merchant } from '../merchant/merchant.ts';

/** A cardholder whose records say `card`, with `like`'s key source: for registration with wrong data. */
function impostor(d: SetDeployment, like: Cardholder, card: { pan: string; cardExpiry: string }, identity = like.identity, keys = like.keys): Cardholder {
  const c = new Cardholder({ name: like.name, card, identity, brandId: like.brandId, keys }, d.env);
  d.cardholders.set(like.name, c);
  return c;
}

describe('cardholder registration at the CCA', () => {
  test.each([
    ['an unknown PAN', { pan: '4999000011112222', cardExpiry: '202712' }, undefined, 'refused:unknown-account'],
    ['another expiry', { pan: CARDS.C1.pan, cardExpiry: '203001' }, undefined, 'refused:identity'],
    ['another name', { pan: CARDS.C1.pan, cardExpiry: CARDS.C1.cardExpiry }, { name: 'Mallory', billingPostcode: '75001' }, 'refused:identity'],
  ] as const)('%s: the issuer does not confirm, the CCA refuses, no certificate', async (_what, card, identity, status) => {
    const w = await world({ register: false });
    const c = impostor(w.d, w.c.C1!, card, identity);
    expectAllAccepted(await w.d.runToQuiet(await c.register('r1', 'CCA'), 'C1'));
    expect(c.view().registrations).toEqual({ r1: status });
    expect(c.certificate).toBeNull();
    expect(w.d.views().cas.CCA!.certificates).toEqual([]);
  });

  test('a blocked account is refused (identity)', async () => {
    const w = await world({ register: false });
    w.d.block('C1');
    expectAllAccepted(await w.d.runToQuiet(await w.c.C1!.register('r1', 'CCA'), 'C1'));
    expect(w.c.C1!.view().registrations).toEqual({ r1: 'refused:identity' });
  });

  test('registering again certifies a new key (D35); a cardholder that offers a certified key again: refused:key-reused', async () => {
    const w = await world();
    expectAllAccepted(await w.d.runToQuiet(await w.c.C1!.register('r2', 'CCA'), 'C1'));
    expect(w.c.C1!.view().registrations).toEqual({ 'reg-C1': 'issued', r2: 'issued' });
    expect(w.d.views().cas.CCA!.certificates.map((c) => c.key)).toEqual(['key:C1:signature', 'key:C1:signature']);
    const stuck = impostor(w.d, w.c.C1!, w.c.C1!.card, w.c.C1!.identity, (usage) => w.c.C1!.keys(usage, 0));
    expectAllAccepted(await w.d.runToQuiet(await stuck.register('r3', 'CCA'), 'C1'));
    expect(stuck.view().registrations).toEqual({ r3: 'refused:key-reused' });
  });

  test('registration-without-issuer-check: a certificate for a made-up account', async () => {
    const w = await world({ register: false, variants: ['registration-without-issuer-check'] });
    const c = impostor(w.d, w.c.C1!, { pan: '4999000011112222', cardExpiry: '202712' });
    expectAllAccepted(await w.d.runToQuiet(await c.register('r1', 'CCA'), 'C1'));
    expect(c.view().registrations).toEqual({ r1: 'issued' });
    expect(w.d.views().cas.CCA!.certificates[0]!.subject).toBe('C1');
  });

  test('a CertReq replayed after its form was used: replay; a CertReq for a form never handed out: unexpected', async () => {
    const w = await world({ cardholders: ['C1', 'C2'], register: false });
    const { message, from } = await runUntil(w, await w.c.C1!.register('r1', 'CCA'), 'C1', 'CertReq');
    await w.d.deliver(message, from);
    await expectRejected(w, message, from, 'replay');
    const other = await SetDeployment.create();
    await other.addCardholder('C1', CARDS.C1);
    // Another deployment over the same key cache has a CCA with the same keys: its CertReq opens
    // here, but names a form this CCA never handed out.
    const foreign = await runUntil({ d: other, c: { C1: other.cardholders.get('C1')! }, m: {} }, await other.cardholders.get('C1')!.register('r1', 'CCA'), 'C1', 'CertReq');
    await expectRejected(w, foreign.message, 'C1', 'unexpected');
  });
});

describe('merchant registration at the MCA', () => {
  test('a wrong MerchantSecret: refused:identity', async () => {
    const w = await world({ register: false });
    const m = w.m.M1!;
    const liar = new Merchant({ name: m.name, merchantSecret: new Uint8Array(20), acquirerBin: m.acquirerBin, identity: m.identity, gateway: m.gateway, keys: m.keys }, w.d.env);
    w.d.merchants.set('M1', liar);
    expectAllAccepted(await w.d.runToQuiet(await liar.register('r1', 'MCA'), 'M1'));
    expect(liar.view().registrations).toEqual({ r1: 'refused:identity' });
  });

  test('a merchant without an acquirer account registers with a secret of its own: refused:identity; after the account opens: issued', async () => {
    const w = await world({ merchants: [], register: false });
    const m = await w.d.addMerchant('M1', { openAccount: false });
    expectAllAccepted(await w.d.runToQuiet(await m.register('r1', 'MCA'), 'M1'));
    w.d.openMerchantAccount('M1');
    expectAllAccepted(await w.d.runToQuiet(await m.register('r2', 'MCA'), 'M1'));
    expect(m.view().registrations).toEqual({ r1: 'refused:identity', r2: 'issued' });
  });

  test('a second certificate for a MerchantID that has an unrevoked one: refused:already-certified; after revoke it is issued', async () => {
    const w = await world({ merchants: ['M1', 'M2'] });
    const m1 = w.m.M1!;
    expectAllAccepted(await w.d.runToQuiet(await m1.register('r2', 'MCA'), 'M1'));
    expect(m1.view().registrations.r2).toBe('refused:already-certified');
    await w.d.revoke('M1');
    expectAllAccepted(await w.d.runToQuiet(await m1.register('r3', 'MCA'), 'M1'));
    expect(m1.view().registrations.r3).toBe('issued');
    expect(w.m.M2!.view().registrations['reg-M2']).toBe('issued');
  });
});
