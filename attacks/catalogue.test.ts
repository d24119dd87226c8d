/**
 * Every strategy of the catalogue, on both sides: on the correct protocol no goal breaks; on
 * each variant it names, at least the listed goals break, on the model and on the
 * implementation alike (judged on each side's own records), with every observation equal.
 */
import { describe, expect, test } from 'vitest';
import { violatedGoals, type WorldConfig } from '../model/index.ts';
import { checkImplGoals } from '../properties/goals/impl-goals.ts';
import { observeImpl } from '../properties/harness/observe.ts';
import { runBoth } from '../properties/conformance/run-both.ts';
import { buildScenario } from '../properties/conformance/scenario-builder.ts';
import { CATALOGUE } from './catalogue.ts';
import type { AttackStrategy } from './strategy.ts';

async function brokenOnBoth(strategy: AttackStrategy, variants: readonly string[]): Promise<{ model: string[]; impl: string[] }> {
  const config: WorldConfig = { ...strategy.config, variants: [...variants] };
  const scenario = buildScenario(config, strategy.script, strategy.registerCardholders ? { registerCardholders: strategy.registerCardholders } : {});
  const run = await runBoth(config, scenario.actions);
  expect(run.difference, `${strategy.name}: ${JSON.stringify(run.difference?.paths)}`).toBeNull();
  const impl = (await checkImplGoals(run.impl, (await observeImpl(run.impl)).attacker)).filter((g) => !g.verdict.holds).map((g) => g.goal);
  return { model: violatedGoals(run.world), impl };
}

describe('the attack catalogue', () => {
  test.each(CATALOGUE.map((s) => [s.name, s] as const))('%s fails on the correct protocol', async (_name, strategy) => {
    expect(await brokenOnBoth(strategy, [])).toEqual({ model: [], impl: [] });
  });

  const weakened = CATALOGUE.flatMap((s) => Object.entries(s.breaks).map(([variant, goals]) => [`${s.name} under ${variant}`, s, variant, goals] as const));
  test.each(weakened)('%s breaks its goals on both sides', async (_title, strategy, variant, goals) => {
    const broken = await brokenOnBoth(strategy, [variant]);
    for (const goal of goals) {
      expect(broken.model, `model: ${goal}`).toContain(goal);
      expect(broken.impl, `impl: ${goal}`).toContain(goal);
    }
    expect(broken.impl).toEqual(broken.model);
  });
});
