/**
 * The main job (issue 7): on the correct protocol and on every variant, the model's explorer,
 * then every counterexample it found, the attack catalogue and a few random scenarios run on the
 * model and the implementation side by side; per goal and protocol, what each side found,
 * against the verdict kept in reports/expected.json. Produces the results document.
 */
import { readFileSync } from 'node:fs';
import { GOAL_NAMES, VARIANT_NAMES, violatedGoals, type Action, type GoalName, type WorldConfig } from '../model/index.ts';
import { DEFAULT_SETTINGS, explore, settingsWith, variantSettings } from '../model/explore/index.ts';
import { DIAGRAM_ROLES, mermaidOf, roleDiagram } from '../model/roles/diagram.ts';
import { recordTransitions, stopRecording } from '../model/roles/coverage.ts';
import { CATALOGUE } from '../attacks/catalogue.ts';
import { pluginChange, pluginStrategies, pluginVariantNames, variantSpecsOf } from '../attacks/plugin.ts';
import { DEFAULT_CONFIGS, scenarioArbitrary } from '../properties/arbitraries/scenario.ts';
import { runBoth } from '../properties/conformance/run-both.ts';
import { buildScenario } from '../properties/conformance/scenario-builder.ts';
import { checkImplGoals } from '../properties/goals/impl-goals.ts';
import { observeImpl } from '../properties/harness/observe.ts';
import { describeSteps } from '../properties/trace/describe-action.ts';
import { traceOf, type TraceFile } from '../properties/trace/trace-file.ts';
import fc from 'fast-check';
import { RESULTS_FORMAT, type Cell, type Counterexample, type Results, type RoleCoverage, type Stage } from './results.ts';

export interface VerifyOptions {
  readonly protocols?: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly quick: boolean;
  readonly shard: { readonly index: number; readonly count: number };
  readonly onStage?: (text: string) => void;
  /** Plug-in files already loaded (attacks/plugin.ts), for the report and the replay commands. */
  readonly plugins?: readonly string[];
}

export const ALL_PROTOCOLS: readonly string[] = ['SET', ...VARIANT_NAMES];

/** The correct protocol, the variants of SET.md 10, and the protocol changes of loaded plug-ins. */
export function allProtocols(): readonly string[] {
  return [...ALL_PROTOCOLS, ...pluginVariantNames()];
}
const GOALS: readonly string[] = ['conformance', ...GOAL_NAMES];

export function expectedBroken(protocol: string): readonly string[] {
  const change = pluginChange(protocol);
  if (change) return change.expectBroken;
  const table = JSON.parse(readFileSync(new URL('./expected.json', import.meta.url), 'utf8')) as { broken: Record<string, string[]> };
  return table.broken[protocol] ?? [];
}

/** The protocols this shard runs: every n-th, from the i-th (1-based), so shards together run them all. */
export function shardOf<T>(items: readonly T[], shard: { index: number; count: number }): T[] {
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

interface Finding {
  model: Set<string>;
  impl: Set<string>;
  examples: Map<string, Counterexample>;
}

function keep(finding: Finding, goal: string, example: Counterexample): void {
  const known = finding.examples.get(goal);
  if (!known || example.trace.actions.length - example.trace.setUp < known.trace.actions.length - known.trace.setUp) finding.examples.set(goal, example);
}

function exampleOf(trace: TraceFile, foundBy: Counterexample['foundBy']): Counterexample {
  return { foundBy, steps: [`(set-up: ${trace.setUp} actions)`, ...describeSteps(trace.actions.slice(trace.setUp), trace.setUp + 1)], replay: 'set-verify replay <this trace, saved as JSON>', trace };
}

/** Runs one scenario on both sides and records what each side broke. */
async function judge(finding: Finding, config: WorldConfig, actions: readonly Action[], setUp: number, title: string, foundBy: Counterexample['foundBy']): Promise<void> {
  const run = await runBoth(config, actions);
  const trace = traceOf({ source: foundBy === 'explorer' ? 'explorer' : 'catalogue', title, config, actions, setUp });
  if (run.difference) {
    finding.model.add('conformance');
    finding.impl.add('conformance');
    keep(finding, 'conformance', exampleOf({ ...trace, title: `${title}: the two sides differ after action ${run.difference.at + 1}: ${run.difference.paths.join('; ')}` }, foundBy));
    return;
  }
  const model = violatedGoals(run.world);
  const impl = (await checkImplGoals(run.impl, (await observeImpl(run.impl)).attacker)).filter((g) => !g.verdict.holds).map((g) => g.goal);
  for (const g of model) finding.model.add(g);
  for (const g of impl) finding.impl.add(g);
  for (const g of new Set<GoalName>([...model, ...impl])) keep(finding, g, exampleOf({ ...trace, breaks: model }, foundBy));
}

async function verifyProtocol(protocol: string, options: VerifyOptions, stages: Stage[]): Promise<Finding> {
  const finding: Finding = { model: new Set(), impl: new Set(), examples: new Map() };
  const variants = variantSpecsOf(protocol);
  const change = pluginChange(protocol);
  const timed = async (name: string, body: () => Promise<void>) => {
    options.onStage?.(`${protocol}: ${name}`);
    const t = performance.now();
    await body();
    stages.push({ name: `${protocol}: ${name}`, seconds: (performance.now() - t) / 1000 });
  };

  await timed('explorer (model)', async () => {
    const settings =
      protocol === 'SET' || change
        ? settingsWith({ ...(change?.explore ?? {}), ...(options.quick ? { depth: Math.min(change?.explore?.depth ?? DEFAULT_SETTINGS.depth, 8) } : {}), variants }, DEFAULT_SETTINGS)
        : variantSettings(protocol as never);
    const report = explore(settings);
    for (const v of report.violations) {
      finding.model.add(v.goal);
      const scenario = buildScenario(report.start.world, v.trace.actions, { registerCardholders: report.start.registerCardholders });
      // The explorer's counterexample, run on both sides.
      await judge(finding, report.start.world, scenario.actions, scenario.setUp, `the explorer's shortest trace breaking ${v.goal}`, 'explorer');
    }
  });

  await timed('attack catalogue (both sides)', async () => {
    // On the correct protocol and on a plug-in's change every strategy runs; on a variant, those meant for it.
    const strategies = [...CATALOGUE, ...pluginStrategies()].filter((s) => protocol === 'SET' || change || protocol in s.breaks);
    for (const strategy of strategies) {
      const config = { ...strategy.config, variants };
      const scenario = buildScenario(config, strategy.script, strategy.registerCardholders ? { registerCardholders: strategy.registerCardholders } : {});
      await judge(finding, config, scenario.actions, scenario.setUp, `${strategy.name}: ${strategy.description}`, 'check');
    }
  });

  if (options.runs > 0) {
    await timed(`${options.runs} random scenarios (both sides)`, async () => {
      const configs = DEFAULT_CONFIGS.map((c) => ({ ...c, variants }));
      const samples = fc.sample(scenarioArbitrary({ configs }), { numRuns: options.runs, seed: options.seed + allProtocols().indexOf(protocol) });
      for (const scenario of samples) await judge(finding, scenario.config, scenario.actions, scenario.setUp, 'a random scenario', 'check');
    });
  }
  return finding;
}

/** Rules each role machine took during the run (model/roles/coverage.ts records them). */
function transitionCoverage(taken: ReadonlySet<string>): RoleCoverage[] {
  return DIAGRAM_ROLES.map((role) => {
    const diagram = roleDiagram(role);
    const missing = diagram.rules.filter((r) => !taken.has(`${diagram.machine}:${r.rule}`)).map((r) => r.rule);
    return { role, taken: diagram.rules.length - missing.length, total: diagram.rules.length, missing };
  });
}

export async function runVerify(options: VerifyOptions): Promise<Results> {
  const protocols = shardOf(options.protocols ?? allProtocols(), options.shard);
  const taken = recordTransitions();
  const stages: Stage[] = [];
  const cells: Cell[] = [];
  for (const protocol of protocols) {
    const finding = await verifyProtocol(protocol, options, stages);
    const expected = new Set(expectedBroken(protocol));
    for (const goal of GOALS) {
      const model = finding.model.has(goal) ? 'broken' : 'holds';
      const impl = finding.impl.has(goal) ? 'broken' : 'holds';
      const want = expected.has(goal) ? 'broken' : 'holds';
      const example = finding.examples.get(goal);
      cells.push({ protocol, goal, model, impl, expected: want, pass: model === want && impl === want, ...(example ? { counterexample: example } : {}) });
    }
  }
  stopRecording();
  const machines = Object.fromEntries(DIAGRAM_ROLES.map((role) => [role, mermaidOf(roleDiagram(role))]));
  return {
    format: RESULTS_FORMAT,
    generated: new Date().toISOString(),
    seed: options.seed,
    runs: options.runs,
    quick: options.quick,
    shard: options.shard,
    protocols,
    goals: GOALS,
    plugins: options.plugins ?? [],
    cells,
    stages,
    coverage: { modelTransitions: transitionCoverage(taken) },
    machines,
  };
}
