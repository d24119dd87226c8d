/**
 * Conformance (issue 6): the same random scenarios run through the model and the
 * implementation, which must observe exactly the same after every action (SET.md 8, D21).
 * A failure prints the seed and path to replay, the shrunk scenario as numbered protocol steps,
 * and where the two observations differ.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { scenarioArbitrary, type Scenario } from '../arbitraries/scenario.ts';
import { describeSteps } from '../trace/describe-action.ts';
import { violatedGoals } from '../../model/index.ts';
import { checkImplGoals } from '../goals/impl-goals.ts';
import { observeImpl } from '../harness/observe.ts';
import { runBoth } from './run-both.ts';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 12);
// A scenario takes about half a second on both sides, shrinking a failure many more; fast-check
// stops half a minute before vitest would, so a failure is still printed with its seed, path and
// the scenario shrunk so far (and running out of time without one fails, rather than passing on
// fewer runs than asked).
const BUDGET_MS = Math.max(600_000, RUNS * 4_000);

function explain(s: Scenario, at: number, paths: readonly string[]): string {
  const steps = describeSteps(s.actions.slice(s.setUp, at + 1), s.setUp + 1);
  return [`model and implementation differ after action ${at + 1} (set-up: actions 1-${s.setUp})`, ...steps, 'differences:', ...paths.map((p) => `  ${p}`)].join('\n');
}

test('model and implementation observe the same after every action of random scenarios, and judge the goals the same', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary(), async (scenario) => {
      const run = await runBoth(scenario.config, scenario.actions);
      if (run.difference) throw new Error(explain(scenario, run.difference.at, run.difference.paths));
      expect(run.observations.length).toBe(scenario.actions.length);
      // The goals, judged on each side's own records, agree too.
      const impl = (await checkImplGoals(run.impl, (await observeImpl(run.impl)).attacker)).filter((g) => !g.verdict.holds).map((g) => g.goal);
      const model = violatedGoals(run.world);
      if (JSON.stringify(impl) !== JSON.stringify(model)) {
        throw new Error(explain(scenario, scenario.actions.length - 1, [`goals violated: model ${JSON.stringify(model)} / impl ${JSON.stringify(impl)}`]));
      }
    }),
    { numRuns: RUNS, interruptAfterTimeLimit: BUDGET_MS - 30_000, markInterruptAsFailure: true },
  );
}, BUDGET_MS);
