/**
 * Scenarios as fast-check values (shared/ARCHITECTURE.md, "The scenario language"): a world
 * configuration, its set-up (accounts and registrations, delivered), then a list of actions.
 * fast-check generates and shrinks a list of choices; each choice picks, in the world the model
 * reaches so far, a category by weight and an action in it (candidates.ts). The result is a
 * plain action list with stable message references (D22), which both sides then run.
 */
import fc from 'fast-check';
import { setUpWorld, step, type Action, type WorldConfig } from '../../model/index.ts';
import { describeSteps } from '../trace/describe-action.ts';
import { candidates, DEFAULT_WEIGHTS, type CandidateOptions, type Category, type Weights } from './candidates.ts';

export interface Scenario {
  readonly config: WorldConfig;
  /** The set-up actions, then the generated ones. */
  readonly actions: readonly Action[];
  /** How many of `actions` are set-up. */
  readonly setUp: number;
}

export interface ScenarioOptions extends Partial<CandidateOptions> {
  readonly configs?: readonly WorldConfig[];
  readonly weights?: Weights;
  /** Generated actions at most (default 24; fast-check shrinks a counterexample well below). */
  readonly maxActions?: number;
}

export const BASE_ADVERSARY: readonly Action['type'][] = ['drop', 'duplicate', 'replay', 'redirect', 'swapOrderData', 'substituteCertificate', 'tamper', 'fake', 'compromise'];

export const DEFAULT_CONFIGS: readonly WorldConfig[] = [
  { cardholders: ['C1', 'C2'], merchants: ['M1', 'M2'] },
  { cardholders: ['C1'], merchants: ['M1', 'M2'], dishonest: ['M2'] },
];

/** Resolves choices to actions, stepping the model; returns the actions taken. */
export function resolveScenario(config: WorldConfig, choices: readonly (readonly [number, number])[], options: ScenarioOptions = {}): Scenario {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const candidateOptions: CandidateOptions = { purchases: options.purchases ?? ['p1', 'p2'], adversary: options.adversary ?? BASE_ADVERSARY };
  const setUp = setUpWorld(config);
  let world = setUp.world;
  const actions: Action[] = [];
  for (const [categoryChoice, itemChoice] of choices) {
    const byCategory = candidates(world, candidateOptions);
    const weight = (c: Category): number => weights[c] ?? 0;
    const open = (Object.keys(byCategory) as Category[]).filter((c) => (byCategory[c]?.length ?? 0) > 0 && weight(c) > 0).sort();
    if (open.length === 0) break;
    const total = open.reduce((sum, c) => sum + weight(c), 0);
    let pick = categoryChoice % total;
    const category = open.find((c) => (pick -= weight(c)) < 0)!;
    const list = byCategory[category]!;
    const action = list[itemChoice % list.length]!;
    actions.push(action);
    world = step(world, action);
  }
  return { config, actions: [...setUp.actions, ...actions], setUp: setUp.actions.length };
}

export function scenarioArbitrary(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const configs = options.configs ?? DEFAULT_CONFIGS;
  const choice = fc.tuple(fc.nat({ max: 9999 }), fc.nat({ max: 9999 }));
  return fc
    .record({ config: fc.nat({ max: configs.length - 1 }), choices: fc.array(choice, { maxLength: options.maxActions ?? 24, size: 'max' }) })
    .map(({ config, choices }) => printable(resolveScenario(configs[config]!, choices, options)));
}

/** fast-check prints a counterexample through this: the world and the steps after set-up, numbered. */
function printable(scenario: Scenario): Scenario {
  const text = () =>
    [`world ${JSON.stringify(scenario.config)}, set-up of ${scenario.setUp} actions, then:`, ...describeSteps(scenario.actions.slice(scenario.setUp), scenario.setUp + 1)].join('\n');
  return Object.assign(scenario, { [fc.toStringMethod]: text });
}
