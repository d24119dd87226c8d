/** The books of SET.md section 7 and the issuer's decisions (D13), on their own. */
import { describe, expect, test } from 'vitest';
import { cardExpired, firstExpiredDay } from './calendar.ts';
import { PaymentNetwork } from './payment-network.ts';
import { reconcile } from './reconcile.ts';

const network = () => new PaymentNetwork({ acquirerBin: '400000', freshSecret: () => new Uint8Array(20).fill(7) });
const ALICE = { holder: 'C1', pan: '4000123412341234', cardExpiry: '202601', limit: 1000, name: 'Alice', billingPostcode: '75001' };
const ask = (amount: number, pan = ALICE.pan, cardExpiry = ALICE.cardExpiry) => ({ pan, cardExpiry, amount, merchantId: 'M1', xid: 'x' });

describe('calendar', () => {
  test('a card of YYYYMM is expired from the first day of the next month (day 0 = 1 January 2026)', () => {
    expect(firstExpiredDay('202601')).toBe(31);
    expect(firstExpiredDay('202512')).toBe(0);
    expect(firstExpiredDay('202612')).toBe(365);
    expect([cardExpired('202601', 30), cardExpired('202601', 31)]).toEqual([false, true]);
  });
});

describe('issuer', () => {
  test('declines in the order unknown-card, expired, blocked, insufficient-credit; exactly the available amount is approved', () => {
    const n = network();
    n.issuer.openAccount(ALICE);
    expect(n.issuer.authorise(ask(1, '4999999999999999'), 0)).toMatchObject({ approved: false, reason: 'unknown-card' });
    expect(n.issuer.authorise(ask(1, ALICE.pan, '202602'), 0)).toMatchObject({ approved: false, reason: 'unknown-card' });
    expect(n.issuer.authorise(ask(1), 31)).toMatchObject({ approved: false, reason: 'expired' });
    expect(n.issuer.authorise(ask(1001), 0)).toMatchObject({ approved: false, reason: 'insufficient-credit' });
    expect(n.issuer.authorise(ask(1000), 0)).toMatchObject({ approved: true, account: 'card:C1' });
    expect(n.issuer.authorise(ask(1), 0)).toMatchObject({ approved: false, reason: 'insufficient-credit' });
    n.issuer.block('C1');
    expect(n.issuer.authorise(ask(2000), 0)).toMatchObject({ approved: false, reason: 'blocked' });
    expect(n.issuer.cards()).toEqual({ 'card:C1': { limit: 1000, status: 'blocked', holds: 1000 } });
  });

  test('identity: unknown-account, identity for any field that differs or a blocked card, confirmed otherwise', () => {
    const n = network();
    n.issuer.openAccount(ALICE);
    const form = { pan: ALICE.pan, cardExpiry: ALICE.cardExpiry, name: 'Alice', billingPostcode: '75001' };
    expect(n.issuer.confirmCardholder(form)).toBe('confirmed');
    expect(n.issuer.confirmCardholder({ ...form, pan: '4999999999999999' })).toBe('unknown-account');
    expect(n.issuer.confirmCardholder({ ...form, billingPostcode: '75002' })).toBe('identity');
    n.issuer.block('C1');
    expect(n.issuer.confirmCardholder(form)).toBe('identity');
  });

  test('opening an account twice, or a bad PAN, is a labelled caller error', () => {
    const n = network();
    n.issuer.openAccount(ALICE);
    expect(() => n.issuer.openAccount(ALICE)).toThrow(/already open/);
    expect(() => n.issuer.openAccount({ ...ALICE, holder: 'C2', pan: '12' })).toThrow(/bad-argument: pan/);
  });
});

describe('clearing', () => {
  test('a capture is four transfers, releases the whole hold, and the books reconcile; a released hold clears nothing', () => {
    const n = network();
    n.issuer.openAccount(ALICE);
    n.acquirer.openMerchantAccount('M1');
    const answer = n.issuer.authorise(ask(600), 0);
    if (!answer.approved) throw new Error('approval expected');
    expect(n.clear({ holdRef: answer.holdRef, amount: 400, merchantId: 'M1', memo: 'p1' })).toBe(true);
    expect(n.clear({ holdRef: answer.holdRef, amount: 400, merchantId: 'M1', memo: 'p1' })).toBe(false);
    expect(n.ledger.transfers.map((t) => `${t.from}->${t.to} ${t.amount}`)).toEqual(['card:C1->issuer 400', 'issuer->clearing 400', 'clearing->acquirer 400', 'acquirer->merchant:M1 400']);
    expect(n.view()).toEqual({
      balances: { acquirer: 0, 'card:C1': -400, clearing: 0, issuer: 0, 'merchant:M1': 400 },
      cards: { 'card:C1': { limit: 1000, status: 'open', holds: 0 } },
    });
    expect(n.ledger.total()).toBe(0);
  });

  test('reconciliation explains every balance by the log, and names what it cannot explain', () => {
    const n = network();
    n.issuer.openAccount(ALICE);
    n.acquirer.openMerchantAccount('M1');
    const answer = n.issuer.authorise(ask(300), 0);
    if (!answer.approved) throw new Error('approval expected');
    const decision = { kind: 'decision', by: 'P1', merchantId: 'M1', transId: 't', purchase: 'p1', approved: true, authAmt: 300, purchAmt: 300, cardholder: 'C1', card: 'card:C1', piHash: 'x', authCode: answer.authCode, holdRef: answer.holdRef } as const;
    expect(reconcile([decision], n.view())).toEqual([]);
    n.clear({ holdRef: answer.holdRef, amount: 300, merchantId: 'M1', memo: 'p1' });
    expect(reconcile([decision], n.view())).toEqual([
      'card:C1 holds -300, the captures in the log explain 0',
      'merchant:M1 holds 300, the captures in the log explain 0',
      'card:C1 has holds of 0, the open approvals in the log are 300',
    ]);
    const capture = { kind: 'capture', by: 'P1', merchantId: 'M1', transId: 't', tokenId: 'x', holdRef: answer.holdRef, amount: 300, code: 'captured' } as const;
    expect(reconcile([decision, capture], n.view())).toEqual([]);
    expect(reconcile([capture], n.view())[0]).toMatch(/has no approval/);
  });
});
