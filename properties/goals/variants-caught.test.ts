/**
 * Every check shown failing (issue 6): on a weakened protocol (SET.md 10) a short directed
 * scenario breaks the goals the variant must break, on the implementation's own records AND on
 * the model, and the two sides agree on every observation; on the correct protocol the same
 * scenario breaks nothing. (Variants whose attacks need `fake` join when the harness fakes.)
 */
import { describe, expect, test } from 'vitest';
import { violatedGoals, type Action, type WorldConfig } from '../../model/index.ts';
import { runBoth } from '../conformance/run-both.ts';
import { buildScenario, DELIVER_ALL, type ScriptStep } from '../conformance/scenario-builder.ts';
import { observeImpl } from '../harness/observe.ts';
import { checkImplGoals } from './impl-goals.ts';

const order = { items: [{ description: 'book', quantity: 1, unitPrice: 4200 }] };
const start = (purchase = 'p1', merchant = 'M1'): Action => ({ type: 'startPurchase', purchase, cardholder: 'C1', merchant, order, form: 'signed' });
const ref = (kind: 'PInitReq' | 'PInitRes' | 'PReq' | 'AuthReq', occurrence = 1) => ({ session: 'p1', kind, occurrence });
const deliver = (kind: 'PInitReq' | 'PInitRes' | 'PReq' | 'AuthReq', occurrence = 1): Action => ({ type: 'deliver', ref: ref(kind, occurrence) });

/** Runs the scenario on both sides; returns the goals each side finds violated (they must agree on observations). */
async function brokenOnBoth(config: WorldConfig, script: readonly ScriptStep[]): Promise<{ model: string[]; impl: string[] }> {
  const scenario = buildScenario(config, script);
  const run = await runBoth(config, scenario.actions);
  expect(run.difference, JSON.stringify(run.difference?.paths)).toBeNull();
  const impl = (await checkImplGoals(run.impl, (await observeImpl(run.impl)).attacker)).filter((g) => !g.verdict.holds).map((g) => g.goal);
  return { model: violatedGoals(run.world), impl };
}

const CASES: { variant: string; config?: WorldConfig; script: ScriptStep[]; breaks: string[] }[] = [
  {
    variant: 'merchant-skips-dual-signature',
    script: [start(), deliver('PInitReq'), deliver('PInitRes'), { type: 'tamper', ref: ref('PReq'), field: 'OIData.BrandID' }, deliver('PReq')],
    breaks: ['merchant-agrees-with-cardholder', 'integrity'],
  },
  {
    variant: 'no-dual-signature',
    script: [start(), deliver('PInitReq'), deliver('PInitRes'), { type: 'tamper', ref: ref('PReq'), field: 'OI.H(PIData)' }, deliver('PReq')],
    breaks: ['merchant-agrees-with-cardholder'],
  },
  { variant: 'pan-in-order', script: [start(), DELIVER_ALL], breaks: ['pan-secrecy'] },
  { variant: 'od-to-gateway', script: [start(), DELIVER_ALL], breaks: ['order-privacy'] },
  { variant: 'no-challenges', script: [start(), DELIVER_ALL, { type: 'replay', ref: ref('PReq') }, DELIVER_ALL], breaks: ['merchant-agrees-with-cardholder'] },
  { variant: 'no-revocation-check', script: [{ type: 'revoke', party: 'M1' }, start(), DELIVER_ALL], breaks: ['certificate-binding'] },
];

describe('each variant breaks its goals on both sides; the correct protocol does not', () => {
  test.each(CASES.map((c) => [c.variant, c] as const))('%s', async (variant, c) => {
    const weakened = await brokenOnBoth({ ...c.config, variants: [variant] }, c.script);
    for (const goal of c.breaks) {
      expect(weakened.impl, `impl under ${variant}`).toContain(goal);
      expect(weakened.model, `model under ${variant}`).toContain(goal);
    }
    expect(weakened.impl).toEqual(weakened.model);
    const correct = await brokenOnBoth(c.config ?? {}, c.script);
    expect(correct).toEqual({ model: [], impl: [] });
  });
});
