/** The merchant's checks (SET.md 4.2, 5.1, 5.3, 5.6, 5.7, 5.8, 5.9, 6; D12, D17, D18, D20, D31): each outcome, first failing check first; rejections change nothing. */
import { describe, expect, test } from 'vitest';
import { findMessage, initialWorld, observe, step, type World } from '../../world/index.ts';
import {
  authorised, deliver, deliverAll, expectDelivery, lastRef, must, ref, registered, run, start, until,
} from '../../scenario/worlds.test-helpers.ts';
import type { Action, MessageRef } from '../../scenario/index.ts';
import { parse, templateOf } from '../../messages/index.ts';
import type { Term } from '../../terms/index.ts';
import { NO_KEYS } from '../common.ts';

const atPReq = (world = registered()) => until(run(world, start('p1')), 'p1', 'PReq');

describe('PInitReq (SET.md 5.1)', () => {
  test('accepted for an agreed order; a replayed one is a replay; an unknown LID_M is unexpected', () => {
    const world = run(registered(), start('p1'));
    const accepted = expectDelivery(world, ref('p1', 'PInitReq'), 'accepted');
    expectDelivery(must(accepted, { type: 'duplicate', ref: ref('p1', 'PInitReq') }), ref('p1', 'PInitReq', 2), 'replay');
    const unknown = must(world, { type: 'fake', kind: 'PInitReq', to: 'M1', session: 'p1', fields: { LID_M: { text: 'p9' } } });
    expectDelivery(unknown, lastRef(unknown), 'unexpected');
    const second = must(accepted, { type: 'fake', kind: 'PInitReq', to: 'M1', session: 'p1', fields: { LID_M: { text: 'p1' } } });
    expectDelivery(second, lastRef(second), 'unexpected'); // a purchase already started
  });

  test('a kind the merchant never takes is unexpected (D15); a term of no form is malformed', () => {
    const world = until(run(registered(), start('p1')), 'p1', 'AuthReq');
    expectDelivery(must(world, { type: 'replay', ref: ref('p1', 'AuthReq'), to: 'M2' }), ref('p1', 'AuthReq', 2), 'unexpected');
  });
});

describe('PReq (SET.md 5.3; D17), in order', () => {
  test.each([
    [{ type: 'tamper', ref: ref('p1', 'PReq'), field: 'OIData.XID' }, 'unexpected'],
    [{ type: 'tamper', ref: ref('p1', 'PReq'), field: 'OIData.LID_C' }, 'mismatch:transid'],
    [{ type: 'substituteCertificate', ref: ref('p1', 'PReq'), substitute: 'revoked' }, 'bad-certificate:revoked'],
    [{ type: 'tamper', ref: ref('p1', 'PReq'), field: 'OIData.Chall_C' }, 'mismatch:challenge'],
    [{ type: 'tamper', ref: ref('p1', 'PReq'), field: 'OIData.MerchantID' }, 'mismatch:merchant'],
    [{ type: 'tamper', ref: ref('p1', 'PReq'), field: 'OIData.ODSalt' }, 'mismatch:hod'],
    [{ type: 'tamper', ref: ref('p1', 'PReq'), field: 'OIData.BrandID' }, 'bad-signature'],
    [{ type: 'tamper', ref: ref('p1', 'PReq'), field: 'OI.H(PIData)' }, 'bad-signature'],
  ] as [Action, string][])('%j → %s', (action, outcome) => {
    expectDelivery(must(atPReq(), action), ref('p1', 'PReq'), outcome as never);
  });

  test('a PI the merchant cannot open passes (it is for P): M accepts and forwards it', () => {
    const world = must(atPReq(), { type: 'tamper', ref: ref('p1', 'PReq'), field: 'PANData.PAN' });
    expectDelivery(world, ref('p1', 'PReq'), 'accepted');
  });

  test('accepted; the same PReq again is a replay (its RRPID), and a second PReq for the XID too', () => {
    const accepted = expectDelivery(atPReq(), ref('p1', 'PReq'), 'accepted');
    expect(observe(accepted).views.merchants['M1']!.purchases['p1']!.status).toBe('requested');
    expect(accepted.log.filter((e) => e.type === 'commit' && e.goal === 'merchant-agrees-with-cardholder')).toHaveLength(1);
    expectDelivery(must(accepted, { type: 'duplicate', ref: ref('p1', 'PReq') }), ref('p1', 'PReq', 2), 'replay');
  });

  test('malformed: a PReq whose parts are of the wrong types', () => {
    const world = must(atPReq(), { type: 'fake', kind: 'PReq', form: 'signed', to: 'M1', session: 'p1', template: ref('p1', 'PReq'), fields: { 'OIData.RRPID': { text: 'x' } } });
    expectDelivery(world, lastRef(world), 'malformed');
  });
});

describe('AuthRes (SET.md 5.6), in order', () => {
  const atAuthRes = (config = {}) => until(run(registered(config), start('p1')), 'p1', 'AuthRes');

  test('accepted: authorised, commit, PRes sent; again: replay', () => {
    const accepted = expectDelivery(atAuthRes(), ref('p1', 'AuthRes'), 'accepted');
    expect(observe(accepted).views.merchants['M1']!.purchases['p1']).toEqual({ authAmt: 4200, captured: 0, fulfilled: false, status: 'authorised' });
    expectDelivery(must(accepted, { type: 'duplicate', ref: ref('p1', 'AuthRes') }), ref('p1', 'AuthRes', 2), 'replay');
  });

  test('another gateway\'s certificate: mismatch:gateway; a sealed field: malformed; a forged certificate: bad-certificate', () => {
    expectDelivery(must(atAuthRes({ gateways: ['P1', 'P2'] }), { type: 'substituteCertificate', ref: ref('p1', 'AuthRes'), substitute: 'otherParty' }), ref('p1', 'AuthRes'), 'mismatch:gateway');
    expectDelivery(must(atAuthRes(), { type: 'tamper', ref: ref('p1', 'AuthRes'), field: 'AuthResData.AuthAmt' }), ref('p1', 'AuthRes'), 'malformed');
    expectDelivery(must(atAuthRes(), { type: 'substituteCertificate', ref: ref('p1', 'AuthRes'), substitute: 'forged' }), ref('p1', 'AuthRes'), 'bad-certificate:bad-chain-signature');
  });

  test('a gateway that signs more than was asked: mismatch:amount; another TransID: mismatch:transid', () => {
    const world = run(atAuthRes(), { type: 'compromise', party: 'P1' }, { type: 'compromise', party: 'M1' });
    const fakeAuthRes = (fields: NonNullable<Extract<Action, { type: 'fake' }>['fields']>): Action => ({
      type: 'fake', kind: 'AuthRes', form: 'approved', to: 'M1', as: 'P1', session: 'p1', template: ref('p1', 'AuthRes'), keys: { self: 'P1' }, fields,
    });
    const amount = must(world, fakeAuthRes({ 'AuthResData.AuthAmt': { amount: 999999 } }));
    expectDelivery(amount, lastRef(amount), 'mismatch:amount');
    const transid = must(world, fakeAuthRes({ 'AuthResData.LID_C': { text: 'p9' } }));
    expectDelivery(transid, lastRef(transid), 'mismatch:transid');
    const unexpected = must(world, fakeAuthRes({ 'AuthResData.RRPID': { fresh: true } }));
    expectDelivery(unexpected, lastRef(unexpected), 'unexpected');
  });
});

describe('InqReq (SET.md 5.9, D18)', () => {
  test('accepted: a PRes for the current state, echoing its RRPID; again: replay; an unsigned one for a signed purchase: mismatch:cardholder-id', () => {
    const world = step(authorised(), { type: 'inquire', purchase: 'p1' });
    const answered = expectDelivery(world, ref('p1', 'InqReq'), 'accepted');
    expect(answered.network.at(-1)!.kind).toBe('PRes');
    expectDelivery(must(answered, { type: 'duplicate', ref: ref('p1', 'InqReq') }), ref('p1', 'InqReq', 2), 'replay');
    const unsigned = must(authorised(), {
      type: 'fake', kind: 'InqReq', form: 'unsigned', to: 'M1', session: 'p1',
      fields: { LID_C: { copy: ref('p1', 'PInitRes') }, LID_M: { copy: ref('p1', 'PInitRes') }, XID: { copy: ref('p1', 'PInitRes') } },
    });
    expectDelivery(unsigned, lastRef(unsigned), 'mismatch:cardholder-id');
    const unknown = must(authorised(), { type: 'fake', kind: 'InqReq', form: 'unsigned', to: 'M1', session: 'p1' });
    expectDelivery(unknown, lastRef(unknown), 'unexpected');
  });
});

describe('PRes (SET.md 5.7, D31)', () => {
  const certificateIn = (world: World, target: MessageRef): Term => {
    const message = findMessage(world.network, target)!;
    const parsed = parse(templateOf('PRes', 'plain', world.env.profile.shape), message.term, { capability: NO_KEYS });
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.fields.get('CertS(M)');
  };

  test('M puts its current CertS(M) beside every PRes: after the AuthRes, and answering an InqReq', () => {
    const world = authorised();
    const own = world.env.directory['M1']!.signature!;
    expect(certificateIn(world, ref('p1', 'PRes'))).toBe(own);
    const answered = expectDelivery(step(world, { type: 'inquire', purchase: 'p1' }), ref('p1', 'InqReq'), 'accepted');
    expect(certificateIn(answered, ref('p1', 'PRes', 2))).toBe(own);
  });

  test('after it registered again, its new certificate', () => {
    const renewed = deliverAll(run(authorised(), { type: 'revoke', party: 'M1' }, { type: 'register', party: 'M1' })).world;
    const answered = expectDelivery(step(renewed, { type: 'inquire', purchase: 'p1' }), ref('p1', 'InqReq'), 'accepted');
    const renewedCertificate = answered.env.directory['M1']!.signature!;
    expect(renewedCertificate).not.toBe(authorised().env.directory['M1']!.signature);
    expect(certificateIn(answered, ref('p1', 'PRes', 2))).toBe(renewedCertificate);
  });
});

describe('fulfil (SET.md 5.8) and capture (D20)', () => {
  test('fulfil only an approved purchase, once', () => {
    expect(step(run(registered(), start('p1')), { type: 'fulfil', purchase: 'p1' }).last.kind).toBe('refused');
    const once = step(authorised(), { type: 'fulfil', purchase: 'p1' });
    expect(observe(once).views.merchants['M1']!.purchases['p1']!.fulfilled).toBe(true);
    expect(step(once, { type: 'fulfil', purchase: 'p1' }).last.kind).toBe('refused');
  });

  test('capture is refused whole for more than AuthAmt, an unknown purchase, or a second time', () => {
    const world = authorised();
    expect(step(world, { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4201 }] }).last.kind).toBe('refused');
    expect(step(world, { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 1 }, { purchase: 'p9', amount: 1 }] }).last.kind).toBe('refused');
    const once = step(world, { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4200 }] });
    expect(step(once, { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 1 }] }).last.kind).toBe('refused');
  });
});

describe('registration (SET.md 4.2; D19)', () => {
  const opened = () => run(initialWorld({ merchants: ['M1', 'M3'] }), { type: 'openMerchantAccount', merchant: 'M1' }, { type: 'register', party: 'M1' });

  test('issued; again while certified: refused:already-certified; without an account: refused:identity', () => {
    const first = until(opened(), 'reg-M1', 'CertRes');
    const issued = expectDelivery(first, ref('reg-M1', 'CertRes'), 'accepted');
    expect(observe(issued).views.merchants['M1']!.registrations).toEqual({ 'reg-M1': 'issued' });
    const again = until(run(issued, { type: 'register', party: 'M1' }), 'reg-M1-2', 'CertRes');
    const twice = expectDelivery(again, ref('reg-M1-2', 'CertRes'), 'accepted');
    expect(observe(twice).views.merchants['M1']!.registrations['reg-M1-2']).toBe('refused:already-certified');
    const noAccount = until(run(opened(), { type: 'register', party: 'M3' }), 'reg-M3', 'CertRes');
    expect(observe(expectDelivery(noAccount, ref('reg-M3', 'CertRes'), 'accepted')).views.merchants['M3']!.registrations['reg-M3']).toBe('refused:identity');
  });

  test('after revocation it can register again', () => {
    const issued = run(until(opened(), 'reg-M1', 'CertRes'), deliver('reg-M1', 'CertRes'), { type: 'revoke', party: 'M1' }, { type: 'register', party: 'M1' });
    const world = expectDelivery(until(issued, 'reg-M1-2', 'CertRes'), ref('reg-M1-2', 'CertRes'), 'accepted');
    expect(observe(world).views.cas['MCA']!.certificates.map((c) => c.revoked)).toEqual([true, true, false, false]);
  });

  test('a CertRes certifying other keys: mismatch:key (the MCA compromised)', () => {
    const world = run(until(opened(), 'reg-M1', 'CertRes'), { type: 'compromise', party: 'MCA' }, { type: 'drop', ref: ref('reg-M1', 'CertRes') });
    const faked = must(world, {
      type: 'fake', kind: 'CertRes', form: 'merchant', to: 'M1', as: 'MCA', session: 'reg-M1', template: ref('reg-M1', 'CertRes'),
      fields: { 'CertS(M)': { certificate: 'P1', usage: 'signature' }, 'CertE(M)': { certificate: 'P1', usage: 'keyExchange' } },
    });
    expectDelivery(faked, lastRef(faked), 'mismatch:key');
  });
});
