/**
 * npm run bench:check — the full model+implementation check (issue 6), in one process:
 *
 * 1. random scenarios per second (fast-check's generator, SET), each run on both sides with
 *    every observation compared and every goal judged on both, and the share of that time spent
 *    inside WebCrypto, next to the crypto floor of one purchase measured in the same run;
 * 2. per variant of SET.md 10, the time to its first counterexample: the explorer stops at the
 *    first violation of the variant's first goal of SET.md 10, then the trace is confirmed on the
 *    implementation (for comparison, ProVerif's published figures are 0.7-3.0 s per flaw).
 *
 * Options: --runs N (default 40), --seed S (default 1). Not a test: speed goes in benchmarks.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { VARIANTS, violatedGoals, type Action, type WorldConfig } from '../model/index.ts';
import { variantSettings } from '../model/explore/index.ts';
import { search } from '../model/explore/search.ts';
import { startConfigOf, startWorld } from '../model/explore/start.ts';
import type { VariantName } from '../model/variants/index.ts';
import { providerFromEnvironment } from '../impl/crypto/provider.ts';
import { DEFAULT_CONFIGS, scenarioArbitrary } from '../properties/arbitraries/scenario.ts';
import { runBoth } from '../properties/conformance/run-both.ts';
import { buildScenario } from '../properties/conformance/scenario-builder.ts';
import { checkImplGoals } from '../properties/goals/impl-goals.ts';
import { observeImpl } from '../properties/harness/observe.ts';
import { measureCryptoFloor } from './crypto-floor.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' }, seed: { type: 'string', default: '1' } } });
const runs = Number(values.runs);
const seed = Number(values.seed);

/** Time spent inside SubtleCrypto calls (sum of their durations; the parties of one run await them one at a time). */
let cryptoMs = 0;
const subtlePrototype = Object.getPrototypeOf(globalThis.crypto.subtle) as Record<string, (...args: unknown[]) => Promise<unknown>>;
for (const name of ['sign', 'verify', 'encrypt', 'decrypt', 'digest', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey', 'deriveBits']) {
  const original = subtlePrototype[name]!;
  subtlePrototype[name] = async function timed(this: unknown, ...args: unknown[]) {
    const t = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      cryptoMs += performance.now() - t;
    }
  };
}

async function judge(config: WorldConfig, actions: readonly Action[]): Promise<{ agree: boolean; model: string[]; impl: string[] }> {
  const run = await runBoth(config, actions);
  if (run.difference) return { agree: false, model: [], impl: [] };
  const impl = (await checkImplGoals(run.impl, (await observeImpl(run.impl)).attacker)).filter((g) => !g.verdict.holds).map((g) => g.goal);
  return { agree: true, model: violatedGoals(run.world), impl };
}

const provider = providerFromEnvironment();
console.log(`crypto floor (${provider}, 1 core) ...`);
const floor = await measureCryptoFloor(provider, { durationMs: 1000, cores: 1 });
console.log(`  ${(floor.floorSeconds * 1000).toFixed(2)} ms of crypto per honest purchase`);

// warm-up: the key pool, the JIT, the start worlds
await judge({}, buildScenario({}, [{ type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order: { items: [{ description: 'book', quantity: 1, unitPrice: 4200 }] }, form: 'signed' }, { type: 'deliverAll' }]).actions);

console.log(`\n${runs} random scenarios on both sides (seed ${seed}) ...`);
const scenarios = fc.sample(scenarioArbitrary({ configs: DEFAULT_CONFIGS }), { numRuns: runs, seed });
cryptoMs = 0;
let actions = 0;
let disagreements = 0;
const began = performance.now();
for (const scenario of scenarios) {
  actions += scenario.actions.length;
  if (!(await judge(scenario.config, scenario.actions)).agree) disagreements += 1;
}
const seconds = (performance.now() - began) / 1000;
console.log(`  ${(runs / seconds).toFixed(1)} scenarios/s, ${Math.round(actions / seconds)} actions/s (${(actions / runs).toFixed(0)} actions per scenario, set-up included); ${disagreements} disagreement(s)`);
console.log(`  time inside WebCrypto: ${((100 * cryptoMs) / 1000 / seconds).toFixed(0)}% of the check (${(cryptoMs / 1000).toFixed(1)} of ${seconds.toFixed(1)} s);`);
console.log(`  that crypto is worth ${(cryptoMs / 1000 / floor.floorSeconds).toFixed(0)} purchases at the floor, ${((cryptoMs / 1000 / floor.floorSeconds) / runs).toFixed(1)} per scenario`);

console.log('\ntime to the first counterexample per variant (explorer, then confirmed on the implementation)');
console.log(`${'variant'.padEnd(34)} ${'goal'.padEnd(32)} ${'model s'.padStart(8)} ${'impl s'.padStart(7)} ${'total s'.padStart(8)}  both sides`);
const totals: number[] = [];
for (const variant of VARIANTS) {
  const goal = variant.mustBreak[0]!;
  const settings = variantSettings(variant.name as VariantName);
  const t0 = performance.now();
  const start = startWorld(startConfigOf(settings));
  const found = search(start, settings, { stopWhenViolated: [goal] }).violations.find((v) => v.goal === goal);
  const t1 = performance.now();
  let confirmed = 'not found';
  if (found) {
    const config = startConfigOf(settings);
    const scenario = buildScenario(config.world, found.actions, { registerCardholders: config.registerCardholders });
    const judged = await judge(config.world, scenario.actions);
    confirmed = judged.agree && judged.impl.includes(goal) && judged.model.includes(goal) ? 'broken' : `NOT confirmed (${JSON.stringify(judged)})`;
  }
  const t2 = performance.now();
  totals.push((t2 - t0) / 1000);
  console.log(`${variant.name.padEnd(34)} ${goal.padEnd(32)} ${((t1 - t0) / 1000).toFixed(2).padStart(8)} ${((t2 - t1) / 1000).toFixed(2).padStart(7)} ${((t2 - t0) / 1000).toFixed(2).padStart(8)}  ${confirmed}`);
}
totals.sort((a, b) => a - b);
console.log(`\nmedian ${totals[Math.floor(totals.length / 2)]!.toFixed(2)} s, max ${totals.at(-1)!.toFixed(2)} s per variant (ProVerif, published: 0.7-3.0 s per flaw)`);
