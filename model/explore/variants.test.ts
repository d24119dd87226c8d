/**
 * Every variant of SET.md 10 under the explorer (issue 5 "Done means"): the exploration of each
 * (variant-settings.ts) is complete, breaks at least the goals SET.md 10 lists, each with a trace
 * of at most twenty actions that replays to the violation, and breaks exactly the goals of this
 * table (README.md "The model"). Two entries break more than SET.md 10 lists: no-chain-validation
 * also `certificate-binding` (the forged merchant certificate C relies on was issued by no CA) and
 * `integrity` (D39: C takes any certificate as it is, so a substitute in the PInitRes passes),
 * no-revocation-check also `integrity` (C accepts a revoked copy of M1's certificate put in the
 * PInitRes, a field it can check).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkGoals } from '../goals/index.ts';
import { VARIANTS } from '../variants/index.ts';
import type { GoalName } from '../vocabulary/goal-names.ts';
import type { VariantName } from '../vocabulary/variant-names.ts';
import { explore, replay } from './explore.ts';
import { variantSettings } from './variant-settings.ts';

/** variant → the goals the explorer finds broken, in SET.md 12's order. */
const BROKEN: Readonly<Record<VariantName, readonly GoalName[]>> = {
  'no-dual-signature': ['merchant-agrees-with-cardholder', 'gateway-agrees-with-cardholder'],
  'oi-without-merchant': ['merchant-agrees-with-cardholder'],
  'pi-without-merchant': ['gateway-agrees-with-cardholder', 'no-redirection'],
  'no-challenges': ['merchant-agrees-with-cardholder'],
  'merchant-skips-dual-signature': ['merchant-agrees-with-cardholder', 'integrity'],
  'authres-without-merchant': ['merchant-agrees-with-gateway', 'money'],
  'gateway-ignores-amount': ['money'],
  'any-cert-for-encryption': ['pan-secrecy'],
  'no-chain-validation': ['cardholder-agrees-with-merchant', 'pan-secrecy', 'integrity', 'certificate-binding'],
  'no-revocation-check': ['integrity', 'certificate-binding'],
  'pan-in-order': ['pan-secrecy'],
  'od-to-gateway': ['order-privacy'],
  'token-not-bound': ['money'],
  'capture-over-authorisation': ['money'],
  'registration-without-issuer-check': ['certificate-binding'],
};

describe('each variant of SET.md 10 under the explorer', () => {
  test.each(VARIANTS.map((v) => [v.name, v] as const))('%s', (name, variant) => {
    const settings = variantSettings(name, { budgetSeconds: 600 });
    if (variant.needsDishonestParty.length > 0) expect(settings.dishonest.length, 'a † goal needs a dishonest party').toBeGreaterThan(0);
    const report = explore(settings);
    expect(report.complete).toBe(true);
    const broken = report.violations.map((v) => v.goal);
    for (const goal of variant.mustBreak) expect(broken, `SET.md 10: ${name} must break ${goal}`).toContain(goal);
    expect(broken).toEqual(BROKEN[name]);
    for (const violation of report.violations) {
      expect(violation.trace.actions.length).toBeLessThanOrEqual(20);
      expect(violation.trace.steps).toHaveLength(violation.trace.actions.length);
      const world = replay(report.start, violation.trace.actions);
      expect(checkGoals(world).find((g) => g.goal === violation.goal)!.verdict.holds, `${violation.goal} replays`).toBe(false);
    }
  });

  test('the table names every variant, and README.md shows the same table', () => {
    expect(Object.keys(BROKEN).sort()).toEqual(VARIANTS.map((v) => v.name).sort());
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z][a-z-]+)` \| (.+) \|$/gm)].map(([, variant, goals]) => [variant, [...goals!.matchAll(/`([a-z-]+)`/g)].map((g) => g[1])]);
    expect(Object.fromEntries(rows)).toEqual(BROKEN);
  });
});
