/**
 * Past counterexamples, replayed first on every run (proptest/Hypothesis style, issue 6): each
 * trace in attacks/regressions.json runs on both sides, which must agree on every observation
 * and on the goals it breaks (`breaks`, empty when it breaks none).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { violatedGoals } from '../model/index.ts';
import { checkImplGoals } from '../properties/goals/impl-goals.ts';
import { observeImpl } from '../properties/harness/observe.ts';
import { runBoth } from '../properties/conformance/run-both.ts';
import { readTrace } from '../properties/trace/trace-file.ts';

const traces = (JSON.parse(readFileSync(new URL('./regressions.json', import.meta.url), 'utf8')) as unknown[]).map(readTrace);

test.each(traces.map((t) => [t.title, t] as const))('%s', async (_title, trace) => {
  const run = await runBoth(trace.config, trace.actions);
  expect(run.difference, JSON.stringify(run.difference?.paths)).toBeNull();
  const impl = (await checkImplGoals(run.impl, (await observeImpl(run.impl)).attacker)).filter((g) => !g.verdict.holds).map((g) => g.goal);
  expect({ model: violatedGoals(run.world), impl }).toEqual({ model: trace.breaks ?? [], impl: trace.breaks ?? [] });
});
