/**
 * `set-verify check`, outside vitest (issue 6): the attack catalogue's strategies, then random
 * scenarios (fast-check), each run on the model and on the implementation, which must agree on
 * every observation; every goal of SET.md 12 judged on both sides. The result names, per goal,
 * whether it holds, and if not the shortest counterexample found, as numbered protocol steps
 * with the seed and path that replay it.
 */
import fc from 'fast-check';
import { GOAL_NAMES, violatedGoals, type GoalName, type WorldConfig } from '../../model/index.ts';
import { CATALOGUE } from '../../attacks/catalogue.ts';
import { DEFAULT_CONFIGS, scenarioArbitrary, type Scenario } from '../arbitraries/scenario.ts';
import { runBoth, type RunBothOptions } from '../conformance/run-both.ts';
import { buildScenario } from '../conformance/scenario-builder.ts';
import { checkImplGoals } from '../goals/impl-goals.ts';
import { observeImpl } from '../harness/observe.ts';
import { describeSteps } from '../trace/describe-action.ts';
import { traceOf, type TraceFile } from '../trace/trace-file.ts';

export interface CheckOptions {
  readonly variants: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly only?: 'impl' | 'model';
  readonly onProgress?: (text: string) => void;
}

export interface Counterexample {
  readonly steps: readonly string[];
  readonly seed?: number;
  readonly path?: string;
  /** fast-check replays a run from seed and path; the scenario language needs no replayPath (D22). */
  readonly replayPath?: string;
  readonly trace: TraceFile;
}

export interface GoalResult {
  readonly name: GoalName | 'conformance';
  readonly holds: boolean;
  readonly counterexample?: Counterexample;
}

export interface CheckResult {
  readonly variant: string;
  readonly runs: number;
  readonly seed: number;
  readonly goals: readonly GoalResult[];
}

interface Judged {
  readonly difference: string | null;
  readonly broken: readonly GoalName[];
}

async function judge(config: WorldConfig, scenario: Pick<Scenario, 'actions'>, options: RunBothOptions): Promise<Judged> {
  const run = await runBoth(config, scenario.actions, options);
  if (run.difference) return { difference: `action ${run.difference.at + 1}: ${run.difference.paths.join('; ')}`, broken: [] };
  const model = violatedGoals(run.world);
  const impl = (await checkImplGoals(run.impl, (await observeImpl(run.impl)).attacker)).filter((g) => !g.verdict.holds).map((g) => g.goal);
  if (JSON.stringify(model) !== JSON.stringify(impl)) return { difference: `goals violated: model ${JSON.stringify(model)} / impl ${JSON.stringify(impl)}`, broken: [] };
  return { difference: null, broken: model };
}

function counterexample(scenario: Scenario, title: string, extra: { seed?: number; path?: string; breaks?: readonly GoalName[] } = {}): Counterexample {
  const steps = [`(set-up: ${scenario.setUp} actions: accounts and registrations)`, ...describeSteps(scenario.actions.slice(scenario.setUp), scenario.setUp + 1)];
  const trace = traceOf({ source: extra.seed === undefined ? 'catalogue' : 'fast-check', title, config: scenario.config, actions: scenario.actions, setUp: scenario.setUp, ...(extra.breaks ? { breaks: extra.breaks } : {}), ...(extra.seed !== undefined ? { seed: extra.seed, path: extra.path ?? '' } : {}) });
  return { steps, ...(extra.seed !== undefined ? { seed: extra.seed, path: extra.path ?? '' } : {}), trace };
}

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const found = new Map<GoalName | 'conformance', Counterexample>();
  const record = (goal: GoalName | 'conformance', c: Counterexample) => {
    const known = found.get(goal);
    if (!known || c.trace.actions.length < known.trace.actions.length) found.set(goal, c);
  };
  const both: RunBothOptions = options.only ? { only: options.only } : {};

  // 1. The catalogue's directed strategies.
  for (const [i, strategy] of CATALOGUE.entries()) {
    options.onProgress?.(`catalogue ${i + 1}/${CATALOGUE.length}: ${strategy.name}`);
    const config = { ...strategy.config, variants: [...options.variants] };
    const scenario = buildScenario(config, strategy.script, strategy.registerCardholders ? { registerCardholders: strategy.registerCardholders } : {});
    const judged = await judge(config, scenario, both);
    if (judged.difference) record('conformance', counterexample(scenario, `${strategy.name}: ${judged.difference}`));
    for (const goal of judged.broken) record(goal, counterexample(scenario, `${strategy.name} breaks ${goal}`, { breaks: judged.broken }));
  }

  // 2. Random scenarios: fast-check looks for a goal not yet broken, or a disagreement; each one it finds is shrunk and recorded, then it looks again.
  const configs = DEFAULT_CONFIGS.map((c) => ({ ...c, variants: [...options.variants] }));
  let done = 0;
  for (let round = 0; round < 4; round++) {
    const known = new Set(found.keys());
    const property = fc.asyncProperty(scenarioArbitrary({ configs }), async (scenario) => {
      done += 1;
      options.onProgress?.(`random scenarios: ${done} run, ${found.size} counterexample(s)`);
      const judged = await judge(scenario.config, scenario, both);
      if (judged.difference && !known.has('conformance')) return false;
      return judged.broken.every((g) => known.has(g));
    });
    const outcome = await fc.check(property, { numRuns: options.runs, seed: options.seed + round });
    if (!outcome.failed || !outcome.counterexample) break;
    const [scenario] = outcome.counterexample;
    const judged = await judge(scenario.config, scenario, both);
    const where = { seed: outcome.seed, path: outcome.counterexamplePath ?? '' };
    if (judged.difference) record('conformance', counterexample(scenario, `random scenario: ${judged.difference}`, where));
    for (const goal of judged.broken) if (!known.has(goal)) record(goal, counterexample(scenario, `random scenario breaks ${goal}`, { ...where, breaks: judged.broken }));
  }

  const goals: GoalResult[] = [
    { name: 'conformance', holds: !found.has('conformance'), ...(found.has('conformance') ? { counterexample: found.get('conformance')! } : {}) },
    ...GOAL_NAMES.map((name): GoalResult => (found.has(name) ? { name, holds: false, counterexample: found.get(name)! } : { name, holds: true })),
  ];
  return { variant: options.variants.length ? options.variants.join('+') : 'SET', runs: options.runs, seed: options.seed, goals };
}
