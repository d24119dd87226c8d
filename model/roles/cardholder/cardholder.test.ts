/** The cardholder's checks (SET.md 4.1, 5.2, 5.7; D31): each outcome they can produce, first failing check first; rejections change nothing. */
import { describe, expect, test } from 'vitest';
import { initialWorld, observe } from '../../world/index.ts';
import {
  deliver, deliverAll, expectDelivery, lastRef, must, ref, registered, run, start, step, until,
} from '../../scenario/worlds.test-helpers.ts';
import type { Action } from '../../scenario/index.ts';
import type { Variant } from '../../variants/index.ts';

const withDishonestM2 = () => registered({ dishonest: ['M2'] });
const atPInitRes = (world = registered()) => until(run(world, start('p1')), 'p1', 'PInitRes');
const fakePInitRes = (as: string, fields: NonNullable<Extract<Action, { type: 'fake' }>['fields']>): Action =>
  ({ type: 'fake', kind: 'PInitRes', to: 'C1', as, session: 'p1', template: ref('p1', 'PInitRes'), fields });

describe('PInitRes (SET.md 5.2, step 5), in order', () => {
  test('accepted; the same RRPID again is a replay', () => {
    const accepted = expectDelivery(atPInitRes(), ref('p1', 'PInitRes'), 'accepted');
    expect(observe(accepted).views.cardholders['C1']!.purchases['p1']).toBe('requested');
    expectDelivery(must(accepted, { type: 'duplicate', ref: ref('p1', 'PInitRes') }), ref('p1', 'PInitRes', 2), 'replay');
  });

  test('malformed: a field of the wrong type', () => {
    const world = must(atPInitRes(withDishonestM2()), fakePInitRes('M2', { RRPID: { text: 'not-a-nonce' } }));
    expectDelivery(world, lastRef(world), 'malformed');
  });

  test('unexpected: an RRPID it never sent', () => {
    const world = must(atPInitRes(withDishonestM2()), fakePInitRes('M2', { RRPID: { fresh: true } }));
    expectDelivery(world, lastRef(world), 'unexpected');
  });

  test.each([
    [{ type: 'substituteCertificate', ref: ref('p1', 'PInitRes'), substitute: 'forged' }, 'bad-certificate:bad-chain-signature'],
    [{ type: 'substituteCertificate', ref: ref('p1', 'PInitRes'), substitute: 'otherParty' }, 'mismatch:merchant'],
    [{ type: 'tamper', ref: ref('p1', 'PInitRes'), field: 'LID_C' }, 'mismatch:transid'],
    [{ type: 'substituteCertificate', ref: ref('p1', 'PInitRes'), substitute: 'wrongUsage', certificate: 'CertE(P)' }, 'bad-certificate:wrong-usage'],
    [{ type: 'tamper', ref: ref('p1', 'PInitRes'), field: 'PEThumb' }, 'mismatch:gateway'],
    [{ type: 'tamper', ref: ref('p1', 'PInitRes'), field: 'Chall_M' }, 'bad-signature'],
  ] as [Action, string][])('%j → %s', (action, outcome) => {
    expectDelivery(must(atPInitRes(), action), ref('p1', 'PInitRes'), outcome as never);
  });

  test('mismatch:challenge: only a merchant that signs can make it (M1 compromised)', () => {
    const world = run(atPInitRes(), { type: 'compromise', party: 'M1' }, { type: 'drop', ref: ref('p1', 'PInitRes') });
    const faked = must(world, fakePInitRes('M1', { Chall_C: { fresh: true } }));
    expectDelivery(faked, lastRef(faked), 'mismatch:challenge');
  });
});

describe('PRes (SET.md 5.7), in order', () => {
  const atPRes = () => run(until(run(registered(), start('p1')), 'p1', 'PRes'), { type: 'compromise', party: 'M1' });
  const fakePRes = (fields: NonNullable<Extract<Action, { type: 'fake' }>['fields']>): Action =>
    ({ type: 'fake', kind: 'PRes', to: 'C1', as: 'M1', session: 'p1', template: ref('p1', 'PRes'), fields });

  test.each([
    [{ Signature: { fresh: true } }, 'bad-signature'],
    [{ LID_C: { text: 'p9' } }, 'mismatch:transid'],
    [{ Chall_C: { fresh: true } }, 'mismatch:challenge'],
    [{ HOD: { fresh: true } }, 'mismatch:hod'],
    [{ 'H(PIData)': { fresh: true } }, 'mismatch:pi-hash'],
    [{ RRPID: { fresh: true } }, 'unexpected'],
  ] as const)('%j → %s', (fields, outcome) => {
    const world = must(atPRes(), fakePRes(fields as never));
    expectDelivery(world, lastRef(world), outcome);
  });

  test('the merchant certificate kept from PInitRes is validated again now: revoked', () => {
    expectDelivery(run(atPRes(), { type: 'revoke', party: 'M1' }), ref('p1', 'PRes'), 'bad-certificate:revoked');
  });

  test('the same certificate, validated again now: expired once the clock passes its last day', () => {
    expectDelivery(run(atPRes(), { type: 'advanceClock', days: 400 }), ref('p1', 'PRes'), 'bad-certificate:expired');
  });

  test('D31: another merchant\'s genuine CertS(M), the PRes re-signed by that merchant: mismatch:merchant', () => {
    const world = run(atPRes(), { type: 'compromise', party: 'M2' });
    const asM2 = (fields: NonNullable<Extract<Action, { type: 'fake' }>['fields']>): Action =>
      ({ type: 'fake', kind: 'PRes', to: 'C1', as: 'M2', session: 'p1', template: ref('p1', 'PRes'), fields });
    const resigned = must(world, asM2({ 'CertS(M)': { certificate: 'M2', usage: 'signature' } }));
    expectDelivery(resigned, lastRef(resigned), 'mismatch:merchant');
    // the same PRes signed by M2 beside M1's certificate gets past the certificate and fails on the signature
    const beside = must(world, asM2({}));
    expectDelivery(beside, lastRef(beside), 'bad-signature');
  });

  // Every substitute is a certificate other than the PInitRes signer's, and D31 compares before it validates: so
  // an expired or revoked copy of M1's certificate is `mismatch:merchant`, not `bad-certificate:expired|revoked`.
  test.each(['expired', 'revoked', 'forged', 'otherParty'] as const)('D31: substituteCertificate %s on the PRes\'s CertS(M) → mismatch:merchant', (substitute) => {
    const world = must(atPRes(), { type: 'substituteCertificate', ref: ref('p1', 'PRes'), substitute, certificate: 'CertS(M)' });
    expectDelivery(world, ref('p1', 'PRes'), 'mismatch:merchant');
  });

  test('D31: tamper on the PRes\'s CertS(M) (a forged copy: no other PRes on the network) → mismatch:merchant', () => {
    expectDelivery(must(atPRes(), { type: 'tamper', ref: ref('p1', 'PRes'), field: 'CertS(M)' }), ref('p1', 'PRes'), 'mismatch:merchant');
  });

  test.each([
    ['expired', 'bad-certificate:expired'],
    ['revoked', 'bad-certificate:revoked'],
    ['forged', 'bad-certificate:bad-chain-signature'],
    ['otherParty', 'bad-signature'],
  ] as const)('a plug-in variant that skips the comparison: substitute %s → %s (validation, then the signature)', (substitute, outcome) => {
    const skipsComparison: Variant = {
      name: 'skip-pres-merchant', description: 'C does not compare the PRes\'s CertS(M) with the PInitRes signer\'s', attack: '-',
      mustBreak: [], needsDishonestParty: [], skips: ['cardholder.PRes.merchant'],
    };
    const at = until(run(registered({ variants: [skipsComparison] }), start('p1')), 'p1', 'PRes');
    const world = must(at, { type: 'substituteCertificate', ref: ref('p1', 'PRes'), substitute, certificate: 'CertS(M)' });
    expectDelivery(world, ref('p1', 'PRes'), outcome);
  });

  test('D31: the PRes answering an inquiry carries M1\'s certificate too, and is accepted without a second commit', () => {
    const paid = deliverAll(run(registered(), start('p1'))).world;
    const asked = until(step(paid, { type: 'inquire', purchase: 'p1' }), 'p1', 'PRes', 2);
    const world = expectDelivery(asked, ref('p1', 'PRes', 2), 'accepted');
    expect(world.log.filter((e) => e.type === 'commit' && e.goal === 'cardholder-agrees-with-merchant')).toHaveLength(1);
  });

  test('D31: a merchant that registered again answers an inquiry with its new CertS(M): not the PInitRes signer\'s, mismatch:merchant', () => {
    const paid = deliverAll(run(registered(), start('p1'))).world;
    const renewed = deliverAll(run(paid, { type: 'revoke', party: 'M1' }, { type: 'register', party: 'M1' })).world;
    const asked = until(step(renewed, { type: 'inquire', purchase: 'p1' }), 'p1', 'PRes', 2);
    expectDelivery(asked, ref('p1', 'PRes', 2), 'mismatch:merchant');
  });

  describe('under no-challenges: the CertS(M) C holds from set-up', () => {
    const atPResNc = () => until(run(registered({ variants: ['no-challenges'] }), start('p1')), 'p1', 'PRes');

    test('the right merchant\'s PRes is accepted', () => {
      expectDelivery(atPResNc(), ref('p1', 'PRes'), 'accepted');
    });

    test('another merchant\'s genuine certificate, re-signed by it: mismatch:merchant', () => {
      const world = must(run(atPResNc(), { type: 'compromise', party: 'M2' }), {
        type: 'fake', kind: 'PRes', to: 'C1', as: 'M2', session: 'p1', template: ref('p1', 'PRes'), fields: { 'CertS(M)': { certificate: 'M2', usage: 'signature' } },
      });
      expectDelivery(world, lastRef(world), 'mismatch:merchant');
    });
  });

  test('accepted, authorised: C commits once; a replay is a replay', () => {
    const world = expectDelivery(atPRes(), ref('p1', 'PRes'), 'accepted');
    expect(observe(world).views.cardholders['C1']!.purchases['p1']).toBe('authorised');
    expect(world.log.filter((e) => e.type === 'commit' && e.goal === 'cardholder-agrees-with-merchant')).toHaveLength(1);
    expectDelivery(must(world, { type: 'duplicate', ref: ref('p1', 'PRes') }), ref('p1', 'PRes', 2), 'replay');
  });
});

describe('registration (SET.md 4.1), in order', () => {
  const opened = () => run(initialWorld(), { type: 'openAccount', card: 'C1', limit: 1000, expiry: '202712' }, { type: 'register', party: 'C1' });
  const atCardCInitRes = () => until(opened(), 'reg-C1', 'CardCInitRes');

  test.each([
    [{ type: 'substituteCertificate', ref: ref('reg-C1', 'CardCInitRes'), substitute: 'expired', certificate: 'CertS(CCA)' }, 'bad-certificate:expired'],
    [{ type: 'tamper', ref: ref('reg-C1', 'CardCInitRes'), field: 'CAEThumb' }, 'mismatch:thumbprint'],
    [{ type: 'tamper', ref: ref('reg-C1', 'CardCInitRes'), field: 'Chall_EE' }, 'bad-signature'],
  ] as [Action, string][])('CardCInitRes: %j → %s', (action, outcome) => {
    expectDelivery(must(atCardCInitRes(), action), ref('reg-C1', 'CardCInitRes'), outcome as never);
  });

  test('CardCInitRes: mismatch:challenge needs the CCA\'s key', () => {
    const world = must(run(atCardCInitRes(), { type: 'compromise', party: 'CCA' }), {
      type: 'fake', kind: 'CardCInitRes', to: 'C1', as: 'CCA', session: 'reg-C1', template: ref('reg-C1', 'CardCInitRes'), fields: { Chall_EE: { fresh: true } },
    });
    expectDelivery(world, lastRef(world), 'mismatch:challenge');
  });

  test('CertRes: a certificate for another key is mismatch:key; an encrypted envelope C cannot open is malformed', () => {
    const atCertRes = until(opened(), 'reg-C1', 'CertReq');
    const broken = run(atCertRes, { type: 'compromise', party: 'CCA' });
    const faked = must(broken, {
      type: 'fake', kind: 'CertRes', form: 'cardholder', to: 'C1', as: 'CCA', session: 'reg-C1',
      fields: {
        RRPID: { copy: ref('reg-C1', 'CertReq') }, LID_EE: { copy: ref('reg-C1', 'CertReq') }, Chall_EE3: { copy: ref('reg-C1', 'CertReq') },
        LID_CA: { copy: ref('reg-C1', 'CertReq') }, CAStatus: { text: 'issued' }, 'Cert(C)': { certificate: 'CCA', usage: 'signature' },
        CABackKey: { copy: ref('reg-C1', 'CertReq') },
      },
    });
    expectDelivery(faked, lastRef(faked), 'mismatch:key');
    const garbled = must(until(opened(), 'reg-C1', 'CertRes'), { type: 'tamper', ref: ref('reg-C1', 'CertRes'), field: 'CAStatus' });
    expectDelivery(garbled, ref('reg-C1', 'CertRes'), 'malformed');
  });

  test('the whole registration: issued', () => {
    const world = until(opened(), 'reg-C1', 'CertRes');
    const done = expectDelivery(world, ref('reg-C1', 'CertRes'), 'accepted');
    expect(observe(done).views.cardholders['C1']!.registrations['reg-C1']).toBe('issued');
    expect(observe(done).attacker['panSecret:C1']).toBe(false);
  });
});

describe('honest actions it refuses', () => {
  test('a signed purchase without a certificate, an inquiry before its PReq', () => {
    expect(run(registered(), start('p1', 'signed', 'C2')).last.kind).toBe('refused');
    expect(run(registered(), start('p1'), { type: 'inquire', purchase: 'p1' }).last.kind).toBe('refused');
    expect(run(registered(), start('p1'), deliver('p1', 'PInitReq')).last.kind).toBe('delivered');
  });
});
