/** The explorer's alphabet and burst rule (honest-moves.ts, adversary-moves.ts, fake-templates.ts, moves.ts). */
import { describe, expect, test } from 'vitest';
import { fieldNames, templateOf } from '../messages/index.ts';
import type { Action } from '../scenario/actions.ts';
import { ref } from '../scenario/worlds.test-helpers.ts';
import { STANDARD_SHAPE } from '../variants/index.ts';
import { step, type World } from '../world/index.ts';
import { FREE, moveScope, movesIn, type Move } from './moves.ts';
import { EXPLORATION_ORDER, settingsWith } from './settings.ts';
import { startConfigOf, startWorld } from './start.ts';

const settings = settingsWith({});
const start = startWorld(startConfigOf(settings));
const scope = moveScope(start, settings);
const run = (...actions: Action[]): World => actions.reduce((w, a) => step(w, a), start);
const startP1: Action = { type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order: EXPLORATION_ORDER, form: 'signed' };
const startP2: Action = { ...startP1, purchase: 'p2', merchant: 'M2', lidM: 'p1' } as Action;
const types = (moves: readonly Move[]) => moves.map((m) => m.action.type);

describe('honest moves', () => {
  test('in the set-up world: start each purchase in each form; nothing else', () => {
    const moves = movesIn(start, FREE, 0, scope);
    expect(moves.map((m) => m.action)).toEqual([
      { ...startP1 }, { ...startP1, form: 'unsigned' }, { ...startP2 }, { ...startP2, form: 'unsigned' },
    ]);
  });

  test('a message to the merchant the attacker plays is never delivered', () => {
    const world = run(startP2);
    expect(movesIn(world, FREE, 0, scope).filter((m) => m.action.type === 'deliver')).toEqual([]);
  });
});

describe('adversarial moves', () => {
  test('the set-up\'s registration messages are out of scope: in the set-up world, only enablers', () => {
    // compromise of the parties the attacker does not play; revoke of M2, whose certificates its fakes carry; no
    // block (no AuthReq is pending) and no revoke of C1 or M1 (no message carries their certificates)
    expect(movesIn(start, FREE, 2, scope).filter((m) => m.kind !== 'honest').map((m) => m.action)).toEqual([
      { type: 'compromise', party: 'C1' }, { type: 'compromise', party: 'M1' }, { type: 'revoke', party: 'M2' },
    ]);
  });

  test('world events only where the next delivery can show them', () => {
    const pinit = run(startP1, { type: 'deliver', ref: ref('p1', 'PInitReq') });
    expect(movesIn(pinit, FREE, 1, scope).filter((m) => m.kind === 'enabler').map((m) => m.action)).toEqual([
      { type: 'revoke', party: 'M1' }, { type: 'revoke', party: 'M2' },
    ]);
    const authReq = run(startP1, ...['PInitReq', 'PInitRes', 'PReq'].map((kind): Action => ({ type: 'deliver', ref: ref('p1', kind as never) })));
    expect(movesIn(authReq, FREE, 1, scope).filter((m) => m.kind === 'enabler').map((m) => m.action)).toEqual([
      { type: 'revoke', party: 'C1' }, { type: 'revoke', party: 'M1' }, { type: 'revoke', party: 'M2' }, { type: 'block', card: 'C1' },
    ]);
  });

  test('a pending message: every field tampered, every certificate substituted six ways, redirected to the other honest merchant', () => {
    const world = run(startP1, { type: 'deliver', ref: ref('p1', 'PInitReq') });
    const onPInitRes = movesIn(world, FREE, 1, scope).filter((m) => m.kind === 'burst' && 'ref' in m.action && m.action.ref.kind === 'PInitRes');
    const fields = fieldNames(templateOf('PInitRes', 'plain', STANDARD_SHAPE));
    expect(onPInitRes.filter((m) => m.action.type === 'tamper').map((m) => (m.action as { field: string }).field)).toEqual(fields);
    expect(onPInitRes.filter((m) => m.action.type === 'substituteCertificate')).toHaveLength(3 * 6);
    expect(types(onPInitRes).filter((t) => t !== 'tamper' && t !== 'substituteCertificate')).toEqual([]);
  });

  test('copies are made of delivered messages only, to the receiver or another honest party of its role', () => {
    const world = run(startP1, { type: 'deliver', ref: ref('p1', 'PInitReq') });
    const copies = movesIn(world, FREE, 1, scope).filter((m) => m.action.type === 'duplicate' || m.action.type === 'replay').map((m) => m.action);
    expect(copies).toEqual([{ type: 'duplicate', ref: ref('p1', 'PInitReq') }]);
  });

  test('the merchant the attacker plays answers a PInitReq naming the real gateway, or its own key as the gateway\'s', () => {
    const fakes = movesIn(run(startP2), FREE, 1, scope).filter((m) => m.action.type === 'fake').map((m) => m.action as Action & { type: 'fake' });
    expect(fakes.map((f) => [f.kind, f.as, f.to, f.fields?.['CertE(P)']])).toEqual([
      ['PInitRes', 'M2', 'C1', { certificate: 'P1', usage: 'keyExchange' }],
      ['PInitRes', 'M2', 'C1', { certificate: 'M2', usage: 'keyExchange' }],
    ]);
  });

  test('a compromise is offered only with budget left to use it, and then only fakes made with the party\'s keys follow', () => {
    const world = run(startP1, ...['PInitReq', 'PInitRes', 'PReq', 'AuthReq'].map((kind): Action => ({ type: 'deliver', ref: ref('p1', kind as never) })));
    expect(types(movesIn(world, FREE, 1, scope))).not.toContain('compromise');
    expect(types(movesIn(world, FREE, 2, scope))).toContain('compromise');
    const compromised = step(world, { type: 'compromise', party: 'M1' });
    const next = movesIn(compromised, { kind: 'armed', compromised: 'M1' }, 1, scope);
    expect(next.length).toBeGreaterThan(0);
    for (const m of next) expect(m.action).toMatchObject({ type: 'fake', as: 'M1' });
  });

  test('after a revocation, a delivery or a burst: no other honest action, no other enabler', () => {
    const world = run(startP1, { type: 'deliver', ref: ref('p1', 'PInitReq') }, { type: 'revoke', party: 'M1' });
    const moves = movesIn(world, { kind: 'armed' }, 1, scope);
    expect(moves.filter((m) => m.kind === 'honest').map((m) => m.action)).toEqual([{ type: 'deliver', ref: ref('p1', 'PInitRes') }]);
    expect(moves.filter((m) => m.kind !== 'honest').every((m) => m.kind === 'burst')).toBe(true);
    expect(movesIn(world, { kind: 'armed' }, 0, scope)).toHaveLength(1);
  });
});
