/**
 * Seeded random walks (issue 5 item 7): longer and deeper scenarios than the breadth-first search
 * reaches, over the same moves and burst rule (moves.ts) and the same adversarial budget. Each
 * walk starts from the set-up world and takes a random allowed move (an honest one with
 * probability `honestBias` when there are both), skipping moves that are skipped, refused or end
 * in a rejected delivery; the goals are checked after every move. The same seed gives the same
 * walks.
 */
import type { Action, MessageRef } from '../scenario/actions.ts';
import { GOALS } from '../goals/index.ts';
import type { GoalName } from '../vocabulary/goal-names.ts';
import { step, type World } from '../world/index.ts';
import { burstFollowUps, burstTarget, FREE, moveScope, movesIn, type Move, type MoveScope, type Phase } from './moves.ts';
import { Random } from './random.ts';
import type { Found } from './search.ts';
import type { ExploreSettings } from './settings.ts';

export interface WalkOptions {
  readonly walks: number;
  readonly seed: number;
  /** Most actions per walk. */
  readonly length: number;
  /** Chance of an honest move when honest and adversarial ones are both allowed (default 0.75). */
  readonly honestBias?: number;
}

export interface WalkResult {
  readonly walks: number;
  readonly steps: number;
  readonly seconds: number;
  /** Per goal, the shortest violating walk prefix found, in GOALS order. */
  readonly violations: readonly Found[];
}

interface Taken {
  readonly world: World;
  readonly actions: readonly Action[];
  readonly phase: Phase;
  readonly adversarial: number;
}

const MAX_TRIES = 20;

function landed(next: World): boolean {
  const last = next.last;
  return last.kind !== 'skipped' && last.kind !== 'refused' && (last.kind !== 'delivered' || last.outcome === 'accepted');
}

export function randomWalks(start: World, settings: ExploreSettings, options: WalkOptions): WalkResult {
  const began = performance.now();
  const random = new Random(options.seed);
  const scope: MoveScope = moveScope(start, settings);
  const bias = options.honestBias ?? 0.75;
  const found = new Map<GoalName, Found>();
  let steps = 0;
  const stepCounted = (world: World, action: Action): World => {
    steps += 1;
    return step(world, action);
  };

  /** A move and, for a burst, its delivery (and perhaps a fake made from the altered message first). */
  const take = (world: World, move: Move, adversarial: number): Taken | undefined => {
    const next = stepCounted(world, move.action);
    if (!landed(next)) return undefined;
    if (move.kind === 'honest') return { world: next, actions: [move.action], phase: FREE, adversarial };
    if (move.kind === 'enabler') {
      const phase: Phase = move.action.type === 'compromise' ? { kind: 'armed', compromised: move.action.party } : { kind: 'armed' };
      return { world: next, actions: [move.action], phase, adversarial: adversarial + 1 };
    }
    let target: MessageRef = burstTarget(move, next);
    let current = next;
    const actions: Action[] = [move.action];
    let used = adversarial + 1;
    if (move.target !== undefined && used < settings.adversary && random.next() < 0.3) {
      const fakes = burstFollowUps(next, target);
      if (fakes.length > 0) {
        const fake = random.pick(fakes);
        const made = stepCounted(next, fake);
        if (landed(made)) {
          current = made;
          actions.push(fake);
          target = made.network.at(-1)!.ref;
          used += 1;
        }
      }
    }
    const deliver: Action = { type: 'deliver', ref: target };
    const delivered = stepCounted(current, deliver);
    if (!landed(delivered)) return undefined;
    return { world: delivered, actions: [...actions, deliver], phase: FREE, adversarial: used };
  };

  for (let walk = 0; walk < options.walks; walk++) {
    let world = start;
    let phase: Phase = FREE;
    let adversarial = 0;
    const trace: Action[] = [];
    while (trace.length < options.length) {
      const moves = movesIn(world, phase, settings.adversary - adversarial, scope);
      const honest = moves.filter((m) => m.kind === 'honest');
      const others = moves.filter((m) => m.kind !== 'honest');
      let taken: Taken | undefined;
      for (let tries = 0; tries < MAX_TRIES && taken === undefined && moves.length > 0; tries++) {
        const pool: readonly Move[] = honest.length > 0 && (others.length === 0 || random.next() < bias) ? honest : others;
        const move = random.pick(pool);
        if (trace.length + (move.kind === 'burst' ? 2 : 1) > options.length) continue;
        taken = take(world, move, adversarial);
      }
      if (taken === undefined) break;
      ({ world, phase, adversarial } = taken);
      trace.push(...taken.actions);
      for (const goal of GOALS) {
        const before = found.get(goal.name);
        if (before !== undefined && before.actions.length <= trace.length) continue;
        const verdict = goal.check(world);
        if (!verdict.holds) found.set(goal.name, { goal: goal.name, explanation: verdict.explanation, actions: [...trace] });
      }
    }
  }
  return {
    walks: options.walks, steps, seconds: (performance.now() - began) / 1000,
    violations: GOALS.flatMap((goal) => { const f = found.get(goal.name); return f ? [f] : []; }),
  };
}
