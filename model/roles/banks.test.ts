/** The issuer and the acquirer (SET.md 7; D13): accounts, holds, clearing in four transfers, and a ledger that sums to zero. */
import { describe, expect, test } from 'vitest';
import { observe } from '../world/index.ts';
import { authorised, deliver, registered, run } from '../scenario/worlds.test-helpers.ts';

describe('ledgers (SET.md 7)', () => {
  test('opening accounts moves no money; an approval is a hold, not money', () => {
    const o = observe(authorised());
    expect(o.views.ledgers.balances).toEqual({ acquirer: 0, 'card:C1': 0, 'card:C2': 0, clearing: 0, issuer: 0, 'merchant:M1': 0, 'merchant:M2': 0 });
    expect(o.views.ledgers.cards['card:C1']).toEqual({ holds: 4200, limit: 100000, status: 'open' });
  });

  test('a partial capture releases the whole hold and moves the amount, summing to zero', () => {
    const world = run(authorised(), { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 1000 }] }, deliver('capture:M1:1', 'CapReq'));
    const { balances, cards } = observe(world).views.ledgers;
    expect(cards['card:C1']!.holds).toBe(0);
    expect(balances['card:C1']).toBe(-1000);
    expect(balances['merchant:M1']).toBe(1000);
    expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
    expect(world.log.filter((e) => e.type === 'transfer').map((e) => e.type === 'transfer' && `${e.from}→${e.to}`)).toEqual([
      'card:C1→issuer', 'issuer→clearing', 'clearing→acquirer', 'acquirer→merchant:M1',
    ]);
  });

  test('a capture of 0 releases the hold and moves no money (D13)', () => {
    const world = run(authorised(), { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 0 }] }, deliver('capture:M1:1', 'CapReq'));
    expect(observe(world).views.ledgers.cards['card:C1']!.holds).toBe(0);
    expect(world.log.filter((e) => e.type === 'transfer')).toHaveLength(0);
  });

  test('block changes the status only; opening an account twice is skipped', () => {
    const world = run(registered(), { type: 'block', card: 'C1' });
    expect(observe(world).views.ledgers.cards['card:C1']!.status).toBe('blocked');
    expect(run(registered(), { type: 'openAccount', card: 'C1', limit: 5, expiry: '202712' }).last.kind).toBe('skipped');
  });
});
