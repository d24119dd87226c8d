/**
 * Possibility first (SET.md 12): honest registrations, signed and unsigned purchases,
 * concurrent purchases, declines, inquiries and batch captures complete, and the books
 * reconcile with the event log after each.
 */
import { describe, expect, test } from 'vitest';
import { AGREEMENT_GOALS } from '../protocol/events.ts';
import { agree, expectAllAccepted, expectReconciled, purchase, sentOf, world } from './fixture.test-helpers.ts';

describe('honest runs of the whole flow', () => {
  test('registration: the cardholder and the merchant are certified; the CCA certifies UniqueCardholderID, never the PAN', async () => {
    const w = await world({ cardholders: ['C1'], merchants: ['M1'] });
    const views = w.d.views();
    expect(views.cardholders.C1!.registrations).toEqual({ 'reg-C1': 'issued' });
    expect(views.merchants.M1!.registrations).toEqual({ 'reg-M1': 'issued' });
    expect(views.cas.CCA!.certificates).toEqual([{ subject: 'C1', type: 'cardholder', usage: 'signature', key: 'key:C1:signature', revoked: false }]);
    expect(views.cas.MCA!.certificates.map((c) => `${c.subject} ${c.usage} ${c.key}`)).toEqual(['M1 signature key:M1:signature', 'M1 keyExchange key:M1:keyExchange']);
    const cert = Buffer.from(w.c.C1!.certificate!);
    expect(cert.includes(Buffer.from('4000123412341234'))).toBe(false);
  });

  test.each([true, false])('a purchase (signed: %s): PInitReq .. PRes, fulfilment, capture, clearing', async (signed) => {
    const w = await world();
    const run = await purchase(w, 'C1', 'p1', 'M1', 4200, signed);
    expectAllAccepted(run);
    expect(run.map((r) => `${r.from}->${r.message.to} ${r.message.kind}`)).toEqual(['C1->M1 PInitReq', 'M1->C1 PInitRes', 'C1->M1 PReq', 'M1->P1 AuthReq', 'P1->M1 AuthRes', 'M1->C1 PRes']);
    expect((await w.m.M1!.fulfil('p1')).fulfilled).toBe(true);
    expect((await w.m.M1!.fulfil('p1')).fulfilled).toBe(false);
    const capture = await w.m.M1!.capture([{ purchase: 'p1', amount: 4200 }]);
    const captured = await w.d.runToQuiet(capture.sent!, 'M1');
    expectAllAccepted(captured);
    expect(sentOf(captured, 'CapReq').result.items).toEqual(['captured']);
    const views = w.d.views();
    expect(views.cardholders.C1!.purchases).toEqual({ p1: 'authorised' });
    expect(views.merchants.M1!.purchases.p1).toEqual({ status: 'authorised', fulfilled: true, authAmt: 4200, captured: 4200 });
    expect(views.gateways.P1).toEqual({ p1: { M1: { decision: 'approved', authAmt: 4200, captured: 4200 } } });
    expect(views.ledgers.balances).toEqual({ acquirer: 0, 'card:C1': -4200, clearing: 0, issuer: 0, 'merchant:M1': 4200 });
    expect(views.ledgers.cards['card:C1']).toEqual({ limit: 100_000, status: 'open', holds: 0 });
    expect(w.d.log.events.filter((e) => e.kind === 'transfer').map((e) => (e.kind === 'transfer' ? `${e.from}->${e.to}` : ''))).toEqual([
      'card:C1->issuer',
      'issuer->clearing',
      'clearing->acquirer',
      'acquirer->merchant:M1',
    ]);
    expectReconciled(w);
  });

  test('every agreement goal of a signed purchase has a running and a matching commit', async () => {
    const w = await world();
    expectAllAccepted(await purchase(w, 'C1', 'p1', 'M1', 999));
    for (const goal of AGREEMENT_GOALS) {
      const of = (kind: string) => w.d.log.events.filter((e) => e.kind === kind && 'goal' in e && e.goal === goal).map((e) => ('values' in e ? e.values : null));
      expect(of('running'), goal).toHaveLength(1);
      expect(of('commit'), goal).toEqual(of('running'));
    }
  });

  test('several cardholders buy from several merchants at once, interleaved, then one batch capture per merchant', async () => {
    const w = await world({ cardholders: ['C1', 'C2'], merchants: ['M1', 'M2'] });
    const plan = [
      ['C1', 'p1', 'M1', 1000],
      ['C2', 'p2', 'M1', 2000],
      ['C1', 'p3', 'M2', 3000],
      ['C2', 'p4', 'M2', 4000],
    ] as const;
    // Start all four, then deliver their messages round-robin so the sessions interleave.
    let inFlight = await Promise.all(plan.map(async ([c, id, m, amount]) => ({ message: await w.c[c]!.startPurchase(await agree(w, id, m, amount)), from: c as string })));
    const outcomes: string[] = [];
    while (inFlight.length > 0) {
      const results = await Promise.all(inFlight.map(async ({ message, from }) => ({ message, result: await w.d.deliver(message, from) })));
      outcomes.push(...results.map((r) => r.result.outcome));
      inFlight = results.flatMap(({ message, result }) => result.sent.map((sent) => ({ message: sent, from: message.to })));
    }
    expect(outcomes).toHaveLength(24);
    expect(new Set(outcomes)).toEqual(new Set(['accepted']));
    for (const [merchant, ids] of [['M1', ['p1', 'p2']], ['M2', ['p3', 'p4']]] as const) {
      const batch = await w.m[merchant]!.capture(ids.map((purchase, i) => ({ purchase, amount: (i + 1) * 500 })));
      const run = await w.d.runToQuiet(batch.sent!, merchant);
      expectAllAccepted(run);
      expect(sentOf(run, 'CapReq').result.items).toEqual(['captured', 'captured']);
    }
    const { balances, cards } = w.d.views().ledgers;
    expect(balances['merchant:M1']).toBe(1500);
    expect(balances['merchant:M2']).toBe(1500);
    expect(balances['card:C1']).toBe(-1000);
    expect(balances['card:C2']).toBe(-2000);
    expect(cards['card:C1']!.holds).toBe(0);
    expectReconciled(w);
  });

  test('over the limit: the issuer declines, the merchant says declined, no hold, nothing to capture', async () => {
    const w = await world();
    const run = await purchase(w, 'C1', 'p1', 'M1', 100_001);
    expectAllAccepted(run);
    const views = w.d.views();
    expect(views.cardholders.C1!.purchases.p1).toBe('declined');
    expect(views.merchants.M1!.purchases.p1).toEqual({ status: 'declined', fulfilled: false, authAmt: null, captured: 0 });
    expect(views.gateways.P1!.p1!.M1).toEqual({ decision: 'declined', authAmt: 0, captured: 0 });
    expect(views.ledgers.cards['card:C1']!.holds).toBe(0);
    expect((await w.m.M1!.capture([{ purchase: 'p1', amount: 1 }])).sent).toBeNull();
    expect((await w.m.M1!.fulfil('p1')).fulfilled).toBe(false);
    expectReconciled(w);
  });

  test('an authorisation of exactly the available amount is approved, one more unit is declined', async () => {
    const w = await world({ cardholders: ['C3'] });
    expectAllAccepted(await purchase(w, 'C3', 'p1', 'M1', 6_000));
    expectAllAccepted(await purchase(w, 'C3', 'p2', 'M1', 4_001));
    expectAllAccepted(await purchase(w, 'C3', 'p3', 'M1', 4_000));
    expect(w.d.views().cardholders.C3!.purchases).toEqual({ p1: 'authorised', p2: 'declined', p3: 'authorised' });
    expect(w.d.views().ledgers.cards['card:C3']!.holds).toBe(10_000);
    expectReconciled(w);
  });

  test('a partial capture releases the whole hold; an inquiry answers the current state and changes no view', async () => {
    const w = await world();
    expectAllAccepted(await purchase(w, 'C1', 'p1', 'M1', 5000));
    const before = JSON.stringify(w.d.views());
    const inquiry = await w.d.runToQuiet((await w.c.C1!.inquire('p1'))!, 'C1');
    expectAllAccepted(inquiry);
    expect(inquiry.map((r) => r.message.kind)).toEqual(['InqReq', 'PRes']);
    expect(JSON.stringify(w.d.views())).toBe(before);
    expectAllAccepted(await w.d.runToQuiet((await w.m.M1!.capture([{ purchase: 'p1', amount: 3000 }])).sent!, 'M1'));
    const { balances, cards } = w.d.views().ledgers;
    expect([balances['card:C1'], balances['merchant:M1'], cards['card:C1']!.holds]).toEqual([-3000, 3000, 0]);
    expectReconciled(w);
  });

  test('an inquiry while M waits for AuthRes is answered pending', async () => {
    const w = await world();
    const order = await agree(w, 'p1', 'M1', 700);
    // Deliver up to the PReq and hold back the AuthReq: C inquires meanwhile.
    const pinitRes = (await w.d.deliver(await w.c.C1!.startPurchase(order), 'C1')).sent[0]!;
    const preq = (await w.d.deliver(pinitRes, 'M1')).sent[0]!;
    const authReq = (await w.d.deliver(preq, 'C1')).sent[0]!;
    expect(authReq.kind).toBe('AuthReq');
    const pending = await w.d.runToQuiet((await w.c.C1!.inquire('p1'))!, 'C1');
    expectAllAccepted(pending);
    expect(w.d.views().cardholders.C1!.purchases.p1).toBe('pending');
    expectAllAccepted(await w.d.runToQuiet(authReq, 'M1'));
    expect(w.d.views().cardholders.C1!.purchases.p1).toBe('authorised');
  });

  test('an honest merchant refuses to capture more than authorised, twice, or an unknown purchase', async () => {
    const w = await world();
    expectAllAccepted(await purchase(w, 'C1', 'p1', 'M1', 100));
    expect((await w.m.M1!.capture([{ purchase: 'p1', amount: 101 }])).reason).toMatch(/not within the AuthAmt/);
    expect((await w.m.M1!.capture([{ purchase: 'p9', amount: 1 }])).reason).toMatch(/not an approved purchase/);
    expect((await w.m.M1!.capture([])).reason).toMatch(/empty/);
    expect((await w.m.M1!.capture([{ purchase: 'p1', amount: 50 }])).sent).not.toBeNull();
    expect((await w.m.M1!.capture([{ purchase: 'p1', amount: 50 }])).reason).toMatch(/already captured/);
  });
});
