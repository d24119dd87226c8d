/** The gateway's checks (SET.md 5.5, 6.2; D9-D11, D16, D17, D20): each outcome, in order; capture item codes; rejections change nothing. */
import { describe, expect, test } from 'vitest';
import { observe, step } from '../../world/index.ts';
import { authorised, deliver, expectDelivery, lastRef, must, ref, registered, run, start, until } from '../../scenario/worlds.test-helpers.ts';
import { setUpWorld, type Action, type FakeValue } from '../../scenario/index.ts';

const atAuthReq = (world = registered()) => until(run(world, start('p1')), 'p1', 'AuthReq');

describe('AuthReq (SET.md 5.5), in order', () => {
  test('accepted: commits before the issuer, a decision, an AuthRes; again: replay', () => {
    const accepted = expectDelivery(atAuthReq(), ref('p1', 'AuthReq'), 'accepted');
    expect(observe(accepted).views.gateways['P1']).toEqual({ p1: { M1: { authAmt: 4200, captured: 0, decision: 'approved' } } });
    const order = accepted.log.filter((e) => e.type === 'commit' || e.type === 'hold' || e.type === 'decision').map((e) => e.type);
    expect(order).toEqual(['commit', 'commit', 'commit', 'hold', 'decision']); // M's commit on PReq, then P's two, then the issuer
    expectDelivery(must(accepted, { type: 'duplicate', ref: ref('p1', 'AuthReq') }), ref('p1', 'AuthReq', 2), 'replay');
  });

  test.each([
    [{ type: 'tamper', ref: ref('p1', 'AuthReq'), field: 'AuthReqData.HOD' }, 'malformed'],
    [{ type: 'tamper', ref: ref('p1', 'AuthReq'), field: 'PI.DS' }, 'mismatch:pi-hash'],
    [{ type: 'substituteCertificate', ref: ref('p1', 'AuthReq'), substitute: 'wrongType' }, 'bad-certificate:wrong-type'],
    [{ type: 'substituteCertificate', ref: ref('p1', 'AuthReq'), substitute: 'otherParty' }, 'bad-signature'],
    [{ type: 'substituteCertificate', ref: ref('p1', 'AuthReq'), substitute: 'otherParty', certificate: 'CertE(M)' }, 'mismatch:merchant'],
    [{ type: 'substituteCertificate', ref: ref('p1', 'AuthReq'), substitute: 'expired', certificate: 'CertS(C)' }, 'bad-certificate:expired'],
  ] as [Action, string][])('%j → %s', (action, outcome) => {
    expectDelivery(must(atAuthReq(), action), ref('p1', 'AuthReq'), outcome as never);
  });

  describe('what only a merchant that signs can send (M1 compromised)', () => {
    const broken = () => run(atAuthReq(), { type: 'compromise', party: 'M1' });
    const preq = ref('p1', 'PReq');
    const honest: Record<string, FakeValue> = {
      'AuthReqData.LID_C': { copy: preq, field: 'OIData.LID_C' }, 'AuthReqData.LID_M': { copy: preq, field: 'OIData.LID_M' },
      'AuthReqData.XID': { copy: preq, field: 'OIData.XID' }, 'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: 'M1' },
      'AuthReqData.AuthReqAmt': { amount: 4200 }, 'AuthReqData.H(OIData)': { hashOf: { copy: preq, field: 'OIData' } },
      'AuthReqData.HOD': { copy: preq, field: 'OIData.HOD' }, PI: { copy: preq, field: 'PI' },
      'CertS(M)': { certificate: 'M1', usage: 'signature' }, 'CertE(M)': { certificate: 'M1', usage: 'keyExchange' }, 'CertS(C)': { copy: preq },
    };
    const fakeAuthReq = (changes: Record<string, FakeValue>): Action => ({ type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M1', session: 'p1', fields: { ...honest, ...changes } });

    test.each([
      [{}, 'accepted'],
      [{ 'AuthReqData.AuthReqAmt': { amount: 4201 } }, 'mismatch:amount'],
      [{ 'AuthReqData.HOD': { fresh: true } }, 'mismatch:hod'],
      [{ 'AuthReqData.H(OIData)': { fresh: true } }, 'mismatch:oi-hash'],
      [{ 'AuthReqData.LID_C': { text: 'p9' } }, 'mismatch:transid'],
      [{ 'AuthReqData.MerchantID': { agent: 'M2' } }, 'mismatch:merchant'],
    ] as [Record<string, FakeValue>, string][])('%j → %s', (changes, outcome) => {
      const world = must(broken(), fakeAuthReq(changes));
      expectDelivery(world, lastRef(world), outcome as never);
    });

    test('a PI whose H(p) does not match its PAN data: mismatch:pan-hash (cardholder and merchant both broken)', () => {
      const world = must(run(broken(), { type: 'compromise', party: 'C1' }), {
        type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M1', session: 'p1', keys: { cardholder: 'C1' },
        fields: {
          ...honest, PI: undefined as never,
          'PIHead.LID_C': { copy: preq, field: 'OIData.LID_C' }, 'PIHead.LID_M': { copy: preq, field: 'OIData.LID_M' }, 'PIHead.XID': { copy: preq, field: 'OIData.XID' },
          OD: { secret: 'od:p1' }, PurchAmt: { amount: 4200 }, ODSalt: { secret: 'odSalt:p1' }, 'PIHead.MerchantID': { agent: 'M1' },
          CardSecret: { secret: 'cardSecret:C1' }, 'PANData.PAN': { secret: 'pan:C1' }, 'PANData.CardExpiry': { secret: 'expiry:C1' },
          'PANData.PANSecret': { secret: 'panSecret:C1' }, 'PANData.EXNonce': { fresh: true }, 'PI.H(p)': { fresh: true },
          'PI.H(OIData)': { hashOf: { copy: preq, field: 'OIData' } },
        },
      });
      expectDelivery(world, lastRef(world), 'mismatch:pan-hash');
    });
  });

  test('a PReq sent to the gateway: unexpected (D15)', () => {
    const world = until(run(registered(), start('p1')), 'p1', 'PReq');
    expectDelivery(must(world, { type: 'redirect', ref: ref('p1', 'PReq'), to: 'P1' }), ref('p1', 'PReq'), 'unexpected');
  });
});

describe('the issuer\'s answer (SET.md 5.5, D13, D16)', () => {
  const decisionOf = (world: ReturnType<typeof registered>) => {
    const done = run(until(run(world, start('p1')), 'p1', 'AuthReq'), deliver('p1', 'AuthReq'));
    return done.log.find((e) => e.type === 'decision');
  };

  test('a decline: AuthAmt 0, no hold, M and C see declined', () => {
    const world = run(registered(), { type: 'block', card: 'C1' }, start('p1'));
    const done = run(until(world, 'p1', 'PRes'), deliver('p1', 'PRes'));
    const o = observe(done);
    expect(o.views.gateways['P1']!['p1']!['M1']).toEqual({ authAmt: 0, captured: 0, decision: 'declined' });
    expect(o.views.merchants['M1']!.purchases['p1']).toEqual({ authAmt: null, captured: 0, fulfilled: false, status: 'declined' });
    expect(o.views.cardholders['C1']!.purchases['p1']).toBe('declined');
    expect(o.views.ledgers.cards['card:C1']!.holds).toBe(0);
  });

  test.each([
    ['blocked', run(registered(), { type: 'block', card: 'C1' })],
    ['insufficient-credit', setUpWorld({ cardholders: ['C1'] }, { limit: 4199 }).world],
    ['expired', run(setUpWorld({ cardholders: ['C1'] }, { expiry: '202601' }).world, { type: 'advanceClock', days: 31 })],
  ] as const)('%s', (reason, world) => {
    expect(decisionOf(world)).toMatchObject({ decision: 'declined', reason });
  });

  test('exactly the available amount is approved; the last day of the expiry month still counts', () => {
    expect(decisionOf(setUpWorld({ cardholders: ['C1'] }, { limit: 4200 }).world)).toMatchObject({ decision: 'approved' });
    expect(decisionOf(run(setUpWorld({ cardholders: ['C1'] }, { expiry: '202601' }).world, { type: 'advanceClock', days: 30 }))).toMatchObject({ decision: 'approved' });
  });
});

describe('CapReq (SET.md 6.2), item by item', () => {
  const captured = () => run(authorised(), { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4000 }] });

  test('captured: money moves in four transfers; the same CapReq again is a replay', () => {
    const world = expectDelivery(captured(), ref('capture:M1:1', 'CapReq'), 'accepted');
    expect(world.last.kind === 'delivered' && world.last.items).toEqual(['captured']);
    const o = observe(world);
    expect(o.delivery).toEqual({ items: ['captured'], outcome: 'accepted' });
    expect(o.views.ledgers.balances).toEqual({ acquirer: 0, 'card:C1': -4000, 'card:C2': 0, clearing: 0, issuer: 0, 'merchant:M1': 4000, 'merchant:M2': 0 });
    expect(o.views.ledgers.cards['card:C1']!.holds).toBe(0);
    expect(o.views.gateways['P1']!['p1']!['M1']!.captured).toBe(4000);
    expect(world.log.filter((e) => e.type === 'transfer')).toHaveLength(4);
    expectDelivery(must(world, { type: 'duplicate', ref: ref('capture:M1:1', 'CapReq') }), ref('capture:M1:1', 'CapReq', 2), 'replay');
  });

  test('a token garbled in transit breaks the baggage hash: the whole CapReq is malformed (D10)', () => {
    const garbled = must(captured(), { type: 'tamper', ref: ref('capture:M1:1', 'CapReq'), field: 'CapTokens[1].CapToken.TokenID' });
    expectDelivery(garbled, ref('capture:M1:1', 'CapReq'), 'malformed');
  });

  test('a token P did not sign: bad-token; a token captured before: duplicate; more than authorised: over-authorised (M1 broken)', () => {
    const pinit = ref('p1', 'PInitRes');
    const item = (amount: number): Record<string, FakeValue> => ({
      'CapReqData.RRPID': { fresh: true }, 'CapReqData.MerchantID': { agent: 'M1' }, 'Items[1].LID_C': { copy: pinit, field: 'LID_C' },
      'Items[1].LID_M': { copy: pinit, field: 'LID_M' }, 'Items[1].XID': { copy: pinit, field: 'XID' }, 'Items[1].CapReqAmt': { amount },
    });
    const fakeCapReq = (fields: Record<string, FakeValue>): Action =>
      ({ type: 'fake', kind: 'CapReq', to: 'P1', as: 'M1', session: 'capture:M1:1', template: ref('capture:M1:1', 'CapReq'), fields });
    const own = must(run(captured(), { type: 'compromise', party: 'M1' }), fakeCapReq({
      ...item(4000), 'CapTokens[1].CapToken.TokenID': { fresh: true }, 'CapTokens[1].CapToken.HoldRef': { fresh: true },
      'CapTokens[1].CapToken.LID_C': { copy: pinit, field: 'LID_C' }, 'CapTokens[1].CapToken.LID_M': { copy: pinit, field: 'LID_M' },
      'CapTokens[1].CapToken.XID': { copy: pinit, field: 'XID' }, 'CapTokens[1].CapToken.MerchantID': { agent: 'M1' },
      'CapTokens[1].CapToken.AuthAmt': { amount: 4200 }, 'CapTokens[1].CapToken.AuthCode': { fresh: true },
    }));
    const g = expectDelivery(own, lastRef(own), 'accepted');
    expect(g.last.kind === 'delivered' && g.last.items).toEqual(['bad-token']);
    const once = run(captured(), deliver('capture:M1:1', 'CapReq'), { type: 'compromise', party: 'M1' });
    const again = must(once, fakeCapReq(item(4000)));
    const d = expectDelivery(again, lastRef(again), 'accepted');
    expect(d.last.kind === 'delivered' && d.last.items).toEqual(['duplicate']);
    const more = must(run(captured(), { type: 'compromise', party: 'M1' }), fakeCapReq(item(5000)));
    const o = expectDelivery(more, lastRef(more), 'accepted');
    expect(o.last.kind === 'delivered' && o.last.items).toEqual(['over-authorised']);
  });

  test('the signer\'s MerchantID must match: a forged merchant certificate is rejected whole', () => {
    expectDelivery(must(captured(), { type: 'substituteCertificate', ref: ref('capture:M1:1', 'CapReq'), substitute: 'forged' }), ref('capture:M1:1', 'CapReq'), 'bad-certificate:bad-chain-signature');
  });

  test('a token of another merchant, copied off the network: bad-token', () => {
    const world = run(authorised({ dishonest: ['M2'] }));
    const stolen = must(world, {
      type: 'fake', kind: 'CapReq', to: 'P1', as: 'M2', session: 'att',
      fields: {
        'CapReqData.RRPID': { fresh: true }, 'CapReqData.MerchantID': { agent: 'M2' },
        'Items[1].LID_C': { copy: ref('p1', 'PInitRes'), field: 'LID_C' }, 'Items[1].LID_M': { copy: ref('p1', 'PInitRes'), field: 'LID_M' },
        'Items[1].XID': { copy: ref('p1', 'PInitRes'), field: 'XID' },
        'Items[1].CapReqAmt': { amount: 4200 }, 'CapTokens[1].CapToken': { copy: ref('p1', 'AuthRes'), field: 'CapToken' },
        'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' },
      },
    });
    const d = expectDelivery(stolen, lastRef(stolen), 'accepted');
    expect(d.last.kind === 'delivered' && d.last.items).toEqual(['bad-token']);
    expect(observe(d).views.ledgers.balances['merchant:M2']).toBe(0);
  });
});

describe('no step after a rejection moves money', () => {
  test('a rejected AuthReq puts no hold', () => {
    const world = must(atAuthReq(), { type: 'tamper', ref: ref('p1', 'AuthReq'), field: 'PI.DS' });
    const after = step(world, deliver('p1', 'AuthReq'));
    expect(observe(after).views.ledgers.cards['card:C1']!.holds).toBe(0);
  });
});
