/** SET.md 10's variants: exact names, one list, composable, open to plug-ins. */
import { describe, expect, test } from 'vitest';
import { GOAL_NAMES } from '../vocabulary/goal-names.ts';
import { CHECK_IDS, profileOf, STANDARD_PROFILE, STANDARD_SHAPE, VARIANT_NAMES, VARIANTS, runs, type Variant } from './index.ts';

describe('the list', () => {
  test('every SET.md 10 variant, in its order, with a one-line description and the goals it must break', () => {
    expect(VARIANTS.map((v) => v.name)).toEqual([
      'no-dual-signature', 'oi-without-merchant', 'pi-without-merchant', 'no-challenges', 'merchant-skips-dual-signature',
      'authres-without-merchant', 'gateway-ignores-amount', 'any-cert-for-encryption', 'no-chain-validation', 'no-revocation-check',
      'pan-in-order', 'od-to-gateway', 'token-not-bound', 'capture-over-authorisation', 'registration-without-issuer-check',
    ]);
    expect(VARIANT_NAMES).toEqual(VARIANTS.map((v) => v.name));
    for (const v of VARIANTS) {
      expect(v.description.length).toBeGreaterThan(10);
      expect(v.description).not.toContain('\n');
      expect(v.mustBreak.length).toBeGreaterThan(0);
      for (const goal of [...v.mustBreak, ...v.needsDishonestParty]) expect(GOAL_NAMES).toContain(goal);
      for (const goal of v.needsDishonestParty) expect(v.mustBreak).toContain(goal);
      for (const id of v.skips ?? []) expect(CHECK_IDS).toContain(id);
      expect((v.skips?.length ?? 0) + Object.keys(v.shape ?? {}).length).toBeGreaterThan(0);
    }
  });
});

describe('composition', () => {
  test('no variant is the standard profile', () => {
    expect(STANDARD_PROFILE.shape).toEqual(STANDARD_SHAPE);
    expect(STANDARD_PROFILE.skipped.size).toBe(0);
  });

  test('variants compose by union', () => {
    const profile = profileOf(['pan-in-order', 'token-not-bound', 'merchant-skips-dual-signature']);
    expect(profile.shape.panInOIData).toBe(true);
    expect(runs(profile, 'gateway.CapReq.token-binding')).toBe(false);
    expect(runs(profile, 'merchant.PReq.dual-signature')).toBe(false);
    expect(runs(profile, 'gateway.CapReq.over-authorised')).toBe(true);
    expect(profile.variants).toEqual(['pan-in-order', 'token-not-bound', 'merchant-skips-dual-signature']);
  });

  test('a plug-in variant is one more object of the same type', () => {
    const mine: Variant = {
      name: 'merchant-skips-hod', description: 'M does not compare HOD', attack: 'M accepts another order', mustBreak: ['merchant-agrees-with-cardholder'],
      needsDishonestParty: [], skips: ['merchant.PReq.hod'],
    };
    const profile = profileOf([mine, 'od-to-gateway']);
    expect(runs(profile, 'merchant.PReq.hod')).toBe(false);
    expect(profile.shape.odInAuthReq).toBe(true);
  });

  test('an unknown name is an error', () => {
    expect(() => profileOf(['no-such-variant'])).toThrow(RangeError);
  });
});
