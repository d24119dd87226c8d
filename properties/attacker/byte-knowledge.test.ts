/**
 * The attacker's byte-level knowledge on real messages: a network attacker learns no PAN from
 * an honest purchase; with the gateway's key-exchange key (compromise) it learns the PAN, even
 * from messages it saw before; under pan-in-order it learns it from the network alone.
 */
import { describe, expect, test } from 'vitest';
import { CARDS, purchase, world } from '../../impl/deployment/fixture.test-helpers.ts';

const pan = new TextEncoder().encode(CARDS.C1.pan);

async function seenOnTheNetwork(variants: string[] = []) {
  const w = await world({ variants });
  const records = await purchase(w, 'C1', 'p1', 'M1', 4200);
  const { ByteKnowledge } = await import('./byte-knowledge.ts');
  const k = new ByteKnowledge(w.d.env.ctx);
  for (const r of records) k.learn(r.message.bytes);
  await k.close();
  return { w, k, records };
}

describe('the attacker on bytes', () => {
  test('an honest purchase seen on the network reveals no PAN, CardSecret or PANSecret', async () => {
    const { w, k } = await seenOnTheNetwork();
    const cert = w.c.C1!.records.certificate!;
    expect(k.holds(pan)).toBe(false);
    expect(k.holds(cert.cardSecret)).toBe(false);
    expect(k.holds(cert.panSecret)).toBe(false);
    expect(k.size).toBeGreaterThan(20);
  });

  test("the gateway's key-exchange key, learnt afterwards, opens the PI seen earlier: PAN and PANSecret", async () => {
    const { w, k } = await seenOnTheNetwork();
    k.learnPrivateKey(w.d.gateways.get('P1')!.keyExchangeKeys.privateKey);
    await k.close();
    expect(k.holds(pan)).toBe(true);
    expect(k.holds(w.c.C1!.records.certificate!.panSecret)).toBe(true);
  });

  test("the merchant's key-exchange key opens the AuthRes and CapRes but not the PI", async () => {
    const { w, k } = await seenOnTheNetwork();
    k.learnPrivateKey(w.m.M1!.certificates!.keys.keyExchange.pair.privateKey);
    await k.close();
    expect(k.holds(pan)).toBe(false);
    expect(k.holds(new TextEncoder().encode('AUTH-000001'))).toBe(true);
  });

  test('pan-in-order: the network alone learns the PAN', async () => {
    const { k } = await seenOnTheNetwork(['pan-in-order']);
    expect(k.holds(pan)).toBe(true);
  });
});
