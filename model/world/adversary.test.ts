/** The attacker's actions (SET.md 9; D24, D26, D28, D29): what each does, on the correct protocol. */
import { describe, expect, test } from 'vitest';
import { authorised, deliver, expectOutcome, ref, registered, run, start, until } from '../scenario/worlds.test-helpers.ts';
import { fieldNames, templateOf } from '../messages/index.ts';
import { findMessage, observe, step } from './index.ts';

const atPInitRes = () => until(run(registered(), start('p1')), 'p1', 'PInitRes');
const atPInitResTwoGateways = () => until(run(registered({ gateways: ['P1', 'P2'] }), start('p1')), 'p1', 'PInitRes');

describe('drop, duplicate, replay, redirect', () => {
  test('a dropped message cannot be delivered, but the attacker can still replay it', () => {
    const dropped = step(atPInitRes(), { type: 'drop', ref: ref('p1', 'PInitRes') });
    expect(step(dropped, deliver('p1', 'PInitRes')).last.kind).toBe('skipped');
    const replayed = step(dropped, { type: 'replay', ref: ref('p1', 'PInitRes') });
    expectOutcome(step(replayed, deliver('p1', 'PInitRes', 2)), 'accepted');
  });

  test('a duplicate delivered after the original is a replay', () => {
    const world = run(atPInitRes(), deliver('p1', 'PInitRes'), { type: 'duplicate', ref: ref('p1', 'PInitRes') }, deliver('p1', 'PInitRes', 2));
    expectOutcome(world, 'replay');
  });

  test('redirect changes the receiver; replay(ref, to) copies to another party', () => {
    const redirected = step(atPInitRes(), { type: 'redirect', ref: ref('p1', 'PInitRes'), to: 'C2' });
    expectOutcome(step(redirected, deliver('p1', 'PInitRes')), 'unexpected');
    const toGateway = step(atPInitRes(), { type: 'replay', ref: ref('p1', 'PInitReq'), to: 'P1' });
    expectOutcome(step(toGateway, deliver('p1', 'PInitReq', 2)), 'unexpected'); // D15: a kind P never takes
    expect(step(atPInitRes(), { type: 'redirect', ref: ref('p1', 'PInitRes'), to: 'Issuer' }).last.kind).toBe('skipped');
  });
});

describe('tamper (D26)', () => {
  test('a field in clear is re-encoded; the signature over it no longer verifies', () => {
    const world = step(atPInitRes(), { type: 'tamper', ref: ref('p1', 'PInitRes'), field: 'Chall_M' });
    expect(findMessage(world.network, ref('p1', 'PInitRes'))!.alterations).toEqual([{ by: 'tamper', field: 'Chall_M', sealed: false }]);
    expectOutcome(step(world, deliver('p1', 'PInitRes')), 'bad-signature');
  });

  test('a field it can copy takes the value of the most recent other message of the kind', () => {
    const two = until(run(registered(), start('p1'), start('p2', 'unsigned')), 'p2', 'PInitRes');
    const tampered = step(two, { type: 'tamper', ref: ref('p1', 'PInitRes'), field: 'XID' });
    const xidOf = (session: string) => {
      const m = findMessage(tampered.network, ref(session, 'PInitRes'))!;
      return (m.term as never as { items: { items: { items: { items: unknown[] }[] }[] }[] }).items[0]!.items[0]!.items[0]!.items[2];
    };
    expect(xidOf('p1')).toBe(xidOf('p2'));
  });

  test('a field sealed in an envelope the attacker cannot open corrupts the envelope: malformed', () => {
    const world = until(run(registered(), start('p1')), 'p1', 'AuthReq');
    const tampered = step(world, { type: 'tamper', ref: ref('p1', 'AuthReq'), field: 'AuthReqData.AuthReqAmt' });
    expect(findMessage(tampered.network, ref('p1', 'AuthReq'))!.alterations[0]).toEqual({ by: 'tamper', field: 'AuthReqData.AuthReqAmt', sealed: true });
    expectOutcome(step(tampered, deliver('p1', 'AuthReq')), 'malformed');
  });

  test('the attacker cannot see that a sealed envelope already holds junk: a second tamper corrupts it again', () => {
    const world = until(run(registered(), start('p1')), 'p1', 'AuthReq');
    const tamper = { type: 'tamper', ref: ref('p1', 'AuthReq'), field: 'AuthReqData.AuthReqAmt' } as const;
    const once = step(world, tamper);
    const twice = step(once, tamper);
    expect(twice.last.kind).toBe('done');
    expect(findMessage(twice.network, ref('p1', 'AuthReq'))!.term).not.toBe(findMessage(once.network, ref('p1', 'AuthReq'))!.term);
    expectOutcome(step(twice, deliver('p1', 'AuthReq')), 'malformed');
  });

  test('an unknown field is skipped', () => {
    expect(step(atPInitRes(), { type: 'tamper', ref: ref('p1', 'PInitRes'), field: 'PAN' }).last.kind).toBe('skipped');
  });

  test('every kind has a fixed field list of SET.md names', () => {
    const shape = registered().env.profile.shape;
    expect(fieldNames(templateOf('PInitRes', 'plain', shape))).toEqual(['LID_C', 'LID_M', 'XID', 'RRPID', 'Chall_C', 'Chall_M', 'PEThumb', 'Signature', 'CertS(M)', 'CertE(M)', 'CertE(P)']);
  });
});

describe('substituteCertificate (D28): each option fails where SET.md 1 says', () => {
  test.each([
    ['forged', 'bad-certificate:bad-chain-signature'],
    ['expired', 'bad-certificate:expired'],
    ['revoked', 'bad-certificate:revoked'],
    ['wrongUsage', 'bad-certificate:wrong-usage'],
    ['wrongType', 'bad-certificate:wrong-type'],
    ['otherParty', 'mismatch:merchant'],
  ] as const)('%s CertS(M) in PInitRes: %s', (substitute, outcome) => {
    const world = step(atPInitRes(), { type: 'substituteCertificate', ref: ref('p1', 'PInitRes'), substitute });
    expect(world.last.kind).toBe('done');
    expectOutcome(step(world, deliver('p1', 'PInitRes')), outcome);
  });

  test('the gateway certificate: another gateway\'s is caught by PEThumb', () => {
    const world = step(atPInitResTwoGateways(), { type: 'substituteCertificate', ref: ref('p1', 'PInitRes'), substitute: 'otherParty', certificate: 'CertE(P)' });
    expectOutcome(step(world, deliver('p1', 'PInitRes')), 'mismatch:gateway');
  });
});

describe('swapOrderData', () => {
  test('the OI of another purchase\'s PReq in place of this one\'s is rejected', () => {
    const two = until(run(registered({ cardholders: ['C1', 'C2'] }), start('p1'), start('p2')), 'p2', 'PReq');
    const swapped = step(two, { type: 'swapOrderData', purchase: 'p1', from: 'p2' });
    expect(swapped.last.kind).toBe('done');
    const outcomeAtM = step(swapped, deliver('p1', 'PReq'));
    expect(outcomeAtM.last.kind === 'delivered' && outcomeAtM.last.outcome).not.toBe('accepted');
  });
});

describe('fake (D29) and compromise', () => {
  test('a message the attacker can derive is sent; answers go to the party it claims to be', () => {
    const world = step(run(registered(), start('p1')), { type: 'fake', kind: 'PInitReq', to: 'M1', session: 'p1', fields: { LID_M: { text: 'p1' }, LID_C: { text: 'p1' } } });
    expect(world.last.kind).toBe('done');
    const faked = findMessage(world.network, ref('p1', 'PInitReq', 2))!;
    expect(faked.origin).toBe('faked');
    expect(faked.from).toBe('Spy');
    expectOutcome(step(world, deliver('p1', 'PInitReq', 2)), 'accepted');
  });

  test('fresh values are att-<n>, and a fake with no session opens an attacker purchase att-<n>', () => {
    const world = step(registered(), { type: 'fake', kind: 'PInitReq', to: 'M1', fields: { LID_M: { text: 'p1' } } });
    expect(world.network.at(-1)!.ref.session).toBe('att-1');
    expect(world.attackerNames).toBeGreaterThan(1);
  });

  test('a message the attacker cannot build is skipped (no signature without the key)', () => {
    const world = step(atPInitRes(), { type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M1', template: ref('p1', 'PInitRes'), fields: { Chall_M: { fresh: true } } });
    expect(world.last).toEqual({ kind: 'skipped', reason: 'fake: the attacker cannot derive this message' });
  });

  test('once M1 is compromised, the same fake goes through and is signed with M1\'s key', () => {
    const world = run(atPInitRes(), { type: 'compromise', party: 'M1' }, {
      type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M1', session: 'p1', template: ref('p1', 'PInitRes'), fields: { Chall_M: { fresh: true } },
    });
    expect(world.last.kind).toBe('done');
    expect(observe(world).attacker['key:M1:signature']).toBe(true);
    expectOutcome(step(world, deliver('p1', 'PInitRes', 2)), 'accepted');
  });

  test('compromising the gateway gives the attacker every PAN it sees', () => {
    const world = run(authorised(), { type: 'compromise', party: 'P1' });
    expect(observe(world).attacker['pan:C1']).toBe(true);
    expect(observe(authorised()).attacker['pan:C1']).toBe(false);
  });
});
