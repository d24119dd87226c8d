/**
 * The explorer on the correct protocol (issue 5 "Done means": no goal violated in the default
 * exploration, in the test suite), its completeness and determinism, and shortest traces.
 */
import { describe, expect, test } from 'vitest';
import { checkGoals } from '../goals/index.ts';
import { explore, replay } from './explore.ts';
import { search } from './search.ts';
import { DEFAULT_SETTINGS, settingsWith } from './settings.ts';
import { startConfigOf, startWorld } from './start.ts';

describe('the correct protocol', () => {
  test('the default exploration is complete and violates no goal', { timeout: 300_000 }, () => {
    const report = explore(settingsWith({ budgetSeconds: 600 }));
    expect(report.variant).toBeNull();
    expect(report.complete).toBe(true);
    expect(report.depth).toBe(DEFAULT_SETTINGS.depth);
    expect(report.adversary).toBe(2);
    expect(report.statesExplored).toBeGreaterThan(10_000);
    expect(report.violations).toEqual([]);
  });

  test('without an adversary the honest space is exhausted: every purchase can complete, and nothing is left beyond depth 15', () => {
    const settings = settingsWith({ adversary: 0, depth: 15, budgetSeconds: 600 });
    const result = search(startWorld(startConfigOf(settings)), settings);
    expect(result).toMatchObject({ complete: true, saturated: true, violations: [] });
    // the deepest honest worlds: both purchases done, captured and inquired
    expect(result.perDepth.length).toBe(16);
  });
});

describe('the search', () => {
  test('is deterministic: the same settings give the same worlds, steps and traces', () => {
    const settings = settingsWith({ depth: 6, variants: ['pan-in-order'], budgetSeconds: 600 });
    const start = startWorld(startConfigOf(settings));
    const [a, b] = [search(start, settings), search(start, settings)];
    expect({ ...a, seconds: 0 }).toEqual({ ...b, seconds: 0 });
  });

  test('finds a shortest trace: the PAN in OIData shows with the first PReq, at the third action', () => {
    const report = explore(settingsWith({ depth: 6, variants: ['pan-in-order'], budgetSeconds: 600 }));
    const violation = report.violations.find((v) => v.goal === 'pan-secrecy')!;
    // start, then the merchant's PInitRes (M1's delivered PInitReq, or M2's fake answer) delivered: C sends its PReq
    expect(violation.trace.actions).toHaveLength(3);
    expect(violation.trace.steps[2]).toMatch(/deliver PInitRes of purchase p[12] to cardholder C1 -> accepted; C1 sends PReq/);
    const world = replay(report.start, violation.trace.actions);
    expect(checkGoals(world).find((g) => g.goal === 'pan-secrecy')!.verdict.holds).toBe(false);
  });

  test('a time budget or a state cap that runs out makes the search incomplete, never wrong', () => {
    const settings = settingsWith({ depth: 8, maxStates: 500, budgetSeconds: 600 });
    const result = search(startWorld(startConfigOf(settings)), settings);
    expect(result.complete).toBe(false);
    expect(result.saturated).toBe(false);
    expect(result.violations).toEqual([]);
  });

  test('stops at the depth bound and says so', () => {
    const settings = settingsWith({ depth: 3, budgetSeconds: 600 });
    const result = search(startWorld(startConfigOf(settings)), settings);
    expect(result).toMatchObject({ complete: true, saturated: false });
    expect(result.perDepth.length).toBe(4);
  });
});
