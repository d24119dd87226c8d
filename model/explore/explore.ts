/**
 * One exploration, start to report (issue 5 item 7): the set-up world of the settings, the
 * breadth-first search (search.ts), optionally seeded random walks (walks.ts), and for each
 * violated goal of SET.md 12 its shortest trace as numbered protocol steps (trace.ts) and as the
 * action list that replays it from the same set-up (`replay`).
 */
import type { Action } from '../scenario/actions.ts';
import { GOAL_NAMES, type GoalName } from '../vocabulary/goal-names.ts';
import { step, type World } from '../world/index.ts';
import { search, type SearchProgress } from './search.ts';
import type { ExploreSettings } from './settings.ts';
import { startConfigOf, startWorld, type StartConfig } from './start.ts';
import { formatTrace, type Trace } from './trace.ts';
import { randomWalks, type WalkOptions } from './walks.ts';

export interface Violation {
  readonly goal: GoalName;
  /** The goal's own account of what went wrong (model/goals). */
  readonly explanation: string;
  readonly foundBy: 'search' | 'walk';
  readonly trace: Trace;
}

export interface ExploreReport {
  /** The variants explored, joined by `+`; null for the correct protocol. */
  readonly variant: string | null;
  readonly statesExplored: number;
  readonly complete: boolean;
  /** Complete, and nothing was cut by the depth bound. */
  readonly saturated: boolean;
  readonly seconds: number;
  readonly steps: number;
  readonly stepsPerSecond: number;
  readonly depth: number;
  readonly adversary: number;
  readonly violations: readonly Violation[];
  readonly walks?: { readonly walks: number; readonly seed: number; readonly length: number; readonly steps: number; readonly seconds: number };
  /** The set-up the traces start from (replay: `replay(report.start, violation.trace.actions)`). */
  readonly start: StartConfig;
}

export interface ExploreOptions {
  readonly onProgress?: (progress: SearchProgress) => void;
  readonly walks?: Omit<WalkOptions, 'length'> & { readonly length?: number };
}

export function variantLabel(settings: ExploreSettings): string | null {
  if (settings.variants.length === 0) return null;
  return settings.variants.map((v) => (typeof v === 'string' ? v : v.name)).join('+');
}

export function explore(settings: ExploreSettings, options: ExploreOptions = {}): ExploreReport {
  const start = startConfigOf(settings);
  const world = startWorld(start);
  const result = search(world, settings, options.onProgress ? { onProgress: options.onProgress } : {});
  const violations: Violation[] = result.violations.map((v) => ({
    goal: v.goal, explanation: v.explanation, foundBy: 'search', trace: formatTrace(world, v.actions),
  }));
  let walks: ExploreReport['walks'];
  let steps = result.steps;
  let seconds = result.seconds;
  if (options.walks !== undefined && options.walks.walks > 0) {
    const length = options.walks.length ?? Math.max(40, 2 * settings.depth);
    const walked = randomWalks(world, settings, { ...options.walks, length });
    walks = { walks: walked.walks, seed: options.walks.seed, length, steps: walked.steps, seconds: walked.seconds };
    steps += walked.steps;
    seconds += walked.seconds;
    for (const v of walked.violations) {
      if (violations.some((known) => known.goal === v.goal)) continue;
      violations.push({ goal: v.goal, explanation: v.explanation, foundBy: 'walk', trace: formatTrace(world, v.actions) });
    }
    violations.sort((a, b) => goalOrder(a.goal) - goalOrder(b.goal));
  }
  return {
    variant: variantLabel(settings), statesExplored: result.statesExplored, complete: result.complete, saturated: result.saturated,
    seconds, steps, stepsPerSecond: Math.round(steps / Math.max(seconds, 1e-9)), depth: settings.depth, adversary: settings.adversary,
    violations, ...(walks ? { walks } : {}), start,
  };
}

function goalOrder(goal: GoalName): number {
  return GOAL_NAMES.indexOf(goal);
}

/** Replays a trace from its set-up (the world after the last action). */
export function replay(start: StartConfig, actions: readonly Action[]): World {
  return actions.reduce((world, action) => step(world, action), startWorld(start));
}
