/** Possibility first (SET.md 12): an honest registration, signed and unsigned purchase, authorisation and capture complete, and every goal holds on it without being vacuous. */
import { describe, expect, test } from 'vitest';
import { AGREEMENT_GOALS } from '../vocabulary/goal-names.ts';
import { checkGoals, possibilityRun } from './index.ts';

const run = possibilityRun();

describe('possibility', () => {
  test('registration, signed purchase, unsigned purchase, authorisation and capture complete', () => {
    expect(run.completed).toEqual({ registration: true, signedPurchase: true, unsignedPurchase: true, authorisation: true, capture: true });
  });

  test('every delivery of the honest run is accepted', () => {
    const deliveries = run.world.log.filter((e) => e.type === 'delivery');
    expect(deliveries.length).toBeGreaterThan(20);
    expect(deliveries.filter((e) => e.type === 'delivery' && e.outcome !== 'accepted')).toEqual([]);
  });

  test('every rule of the purchase fires, signed and unsigned', () => {
    const rules = new Set(run.world.log.flatMap((e) => (e.type === 'delivery' && e.rule ? [e.rule] : [])));
    for (const rule of [
      'CardCInitReq', 'CardCInitRes', 'RegFormReq', 'RegFormRes', 'CertReq', 'CertRes', 'Me-AqCInitReq', 'Me-AqCInitRes',
      'PInitReq', 'PInitRes', 'PReqS', 'PReqUns', 'AuthReqS', 'AuthReqUns', 'AuthResS', 'PRes', 'CapReq', 'CapRes',
    ]) expect(rules, rule).toContain(rule);
  });

  test('every goal holds, and no agreement goal holds vacuously', () => {
    expect(checkGoals(run.world).filter((g) => !g.verdict.holds)).toEqual([]);
    for (const goal of AGREEMENT_GOALS) {
      const commits = run.world.log.filter((e) => e.type === 'commit' && e.goal === goal && e.form === 'signed');
      expect(commits.length, goal).toBeGreaterThan(0);
    }
    expect(checkGoals(run.world).every((g) => g.verdict.holds && g.verdict.notClaimed === undefined)).toBe(true);
  });
});
