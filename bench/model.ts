/**
 * npm run bench:model — the explorer (model/explore; issue 5 item 7): `step` calls per second in a
 * full breadth-first search, how many moves landed on a world seen before (deduplicated), and how
 * the state count grows with the depth bound, the adversarial budget and the number of purchases.
 * Wall time and this process's CPU time are both printed: on a shared machine the CPU figure is
 * the one to compare. Not a test: speed belongs in benchmarks, not in assertions.
 */
import { search, type SearchResult } from '../model/explore/search.ts';
import { DEFAULT_SETTINGS, settingsWith, type ExploreSettings, type PurchasePlan } from '../model/explore/settings.ts';
import { startConfigOf, startWorld } from '../model/explore/start.ts';

interface Measured {
  readonly result: SearchResult;
  readonly cpuSeconds: number;
}

function measure(settings: ExploreSettings): Measured {
  const start = startWorld(startConfigOf(settings));
  const before = process.cpuUsage();
  const result = search(start, settings);
  const cpu = process.cpuUsage(before);
  return { result, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const n = (x: number): string => Math.round(x).toLocaleString('en');

function row(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells.map((c, i) => (typeof c === 'number' ? n(c) : c).padStart(widths[i]!)).join('  ');
}

function table(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (typeof r[i] === 'number' ? n(r[i] as number) : String(r[i])).length)));
  console.log(`\n${title}`);
  console.log(row(header, widths));
  for (const r of rows) console.log(row(r, widths));
}

const budget = { budgetSeconds: 600 };

// warm-up: JIT and the start worlds' set-up
measure(settingsWith({ depth: 6, ...budget }));

// 1. the default exploration
const main = measure(settingsWith(budget));
const r = main.result;
console.log(`default exploration (depth ${DEFAULT_SETTINGS.depth}, ${DEFAULT_SETTINGS.adversary} adversarial, purchases p1 and p2 in both forms, M2 dishonest):`);
console.log(`  ${n(r.statesExplored)} states, ${n(r.steps)} steps in ${r.seconds.toFixed(1)} s wall / ${main.cpuSeconds.toFixed(1)} s CPU, complete: ${r.complete}`);
console.log(`  (of the steps, ${n(r.reactionOnly)} are burst deliveries whose rejection the receiver's reaction decided without building the world)`);
console.log(`  ${n(r.steps / r.seconds)} steps/s wall, ${n(r.steps / main.cpuSeconds)} steps/s CPU; ${n(r.statesExplored / main.cpuSeconds)} states/s CPU`);
console.log(`  deduplicated: ${n(r.duplicates)} moves reached a world kept before (${((100 * r.duplicates) / (r.duplicates + r.statesExplored)).toFixed(0)}% of the worlds reached); ${n(r.rejected)} rejected deliveries dropped`);
let cumulative = 0;
table('states by depth (default exploration)', ['depth', 'new states', 'states up to it'], r.perDepth.map((count, depth) => {
  cumulative += count;
  return [depth, count, cumulative];
}));

// 2. growth with the adversarial budget
table('by adversarial budget (default world, depth 8)', ['adversary', 'states', 'steps', 'CPU s', 'steps/s CPU'], [0, 1, 2, 3].map((adversary) => {
  const m = measure(settingsWith({ adversary, depth: 8, ...budget }));
  return [adversary, m.result.statesExplored, m.result.steps, m.cpuSeconds.toFixed(1), m.result.steps / m.cpuSeconds];
}));

// 3. growth with the number of purchases
const plans: readonly PurchasePlan[] = [
  { purchase: 'p1', cardholder: 'C1', merchant: 'M1', forms: ['signed', 'unsigned'] },
  { purchase: 'p2', cardholder: 'C1', merchant: 'M2', forms: ['signed', 'unsigned'], lidM: 'p1' },
  { purchase: 'p3', cardholder: 'C1', merchant: 'M1', forms: ['signed', 'unsigned'] },
];
table('by number of purchases (depth 8, 1 adversarial)', ['purchases', 'states', 'steps', 'CPU s', 'steps/s CPU'], [1, 2, 3].map((count) => {
  const m = measure(settingsWith({ purchases: plans.slice(0, count), adversary: 1, depth: 8, ...budget }));
  return [count, m.result.statesExplored, m.result.steps, m.cpuSeconds.toFixed(1), m.result.steps / m.cpuSeconds];
}));
