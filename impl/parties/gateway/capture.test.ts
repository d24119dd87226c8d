/**
 * CapReq item by item (SET.md 6.2): each item gets its own code, none stopping the others, and
 * only `captured` items move money (6.3, 7).
 */
import { describe, expect, test } from 'vitest';
import { expectAllAccepted, expectReconciled, purchase, sentOf, world, type World } from '../../deployment/fixture.test-helpers.ts';

async function approved(w: World, cardholder: string, id: string, merchant: string, amount: number) {
  expectAllAccepted(await purchase(w, cardholder, id, merchant, amount));
}

async function captureCodes(w: World, merchant: string, items: { purchase: string; amount: number }[]) {
  const batch = await w.m[merchant]!.capture(items);
  if (!batch.sent) throw new Error(`capture refused: ${batch.reason}`);
  const run = await w.d.runToQuiet(batch.sent, merchant);
  expectAllAccepted(run);
  return sentOf(run, 'CapReq').result.items;
}

describe('capture items at the gateway', () => {
  test('a token captured twice: the second is duplicate, and no money moves twice', async () => {
    const w = await world();
    await approved(w, 'C1', 'p1', 'M1', 900);
    expect(await captureCodes(w, 'M1', [{ purchase: 'p1', amount: 900 }])).toEqual(['captured']);
    // A dishonest merchant that forgets it captured: it sends the same token again.
    w.m.M1!.records.orders.get('p1')!.captureRequested = false;
    expect(await captureCodes(w, 'M1', [{ purchase: 'p1', amount: 900 }])).toEqual(['duplicate']);
    expect(w.d.views().ledgers.balances['merchant:M1']).toBe(900);
    expectReconciled(w);
  });

  test("another merchant's token in a batch is bad-token; the other items are still captured", async () => {
    const w = await world({ merchants: ['M1', 'M2'] });
    await approved(w, 'C1', 'p1', 'M1', 100);
    await approved(w, 'C1', 'p2', 'M2', 200);
    await approved(w, 'C1', 'p3', 'M2', 300);
    // M2 puts M1's token (copied off the network) in place of its own for p2.
    w.m.M2!.records.orders.get('p2')!.capToken = w.m.M1!.records.orders.get('p1')!.capToken!;
    expect(await captureCodes(w, 'M2', [{ purchase: 'p2', amount: 100 }, { purchase: 'p3', amount: 300 }])).toEqual(['bad-token', 'captured']);
    expect(w.d.views().ledgers.balances['merchant:M2']).toBe(300);
    expect(w.d.views().ledgers.balances['merchant:M1']).toBe(0);
    expectReconciled(w);
  });

  test('a token that is not an envelope of the gateway is bad-token', async () => {
    const w = await world();
    await approved(w, 'C1', 'p1', 'M1', 100);
    const order = w.m.M1!.records.orders.get('p1')!;
    order.capToken = { ...order.capToken!, encryptedContent: order.capToken!.encryptedContent.map((b, i) => (i === 20 ? b ^ 1 : b)) };
    expect(await captureCodes(w, 'M1', [{ purchase: 'p1', amount: 100 }])).toEqual(['bad-token']);
    expect(w.d.views().ledgers.cards['card:C1']!.holds).toBe(100);
    expectReconciled(w);
  });

  test('more than authorised is over-authorised and the hold stays', async () => {
    const w = await world();
    await approved(w, 'C1', 'p1', 'M1', 100);
    // A dishonest merchant that believes it was authorised for more.
    w.m.M1!.records.orders.get('p1')!.authAmt = { currency: 'EUR', minorUnits: 1000 };
    expect(await captureCodes(w, 'M1', [{ purchase: 'p1', amount: 101 }])).toEqual(['over-authorised']);
    expect(w.d.views().ledgers.cards['card:C1']!.holds).toBe(100);
    expectReconciled(w);
  });
});
