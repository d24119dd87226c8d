/** Running a scenario: a fold of `step` over its actions, with the observation after each (SET.md 8, D21). */
import { observe, type Observation } from '../world/observe.ts';
import { step } from '../world/step.ts';
import type { ActionResult, World } from '../world/world.ts';
import { REGISTRATION_MESSAGE_KINDS } from '../vocabulary/message-kinds.ts';
import type { Action } from './actions.ts';

export interface Run {
  readonly world: World;
  readonly results: readonly ActionResult[];
  readonly worlds: readonly World[];
}

export function runScenario(world: World, actions: readonly Action[]): Run {
  const worlds: World[] = [];
  let current = world;
  for (const action of actions) {
    current = step(current, action);
    worlds.push(current);
  }
  return { world: current, results: worlds.map((w) => w.last), worlds };
}

export function observations(run: Run): Observation[] {
  return run.worlds.map(observe);
}

/** The pending messages `deliver` would not skip, oldest first. */
export function deliverable(world: World): World['network'][number][] {
  return world.network.filter((m) => {
    if (m.status !== 'pending' || world.parties[m.to] === undefined) return false;
    return !world.config.dishonest.includes(m.to) || (REGISTRATION_MESSAGE_KINDS as readonly string[]).includes(m.kind);
  });
}

/**
 * Delivers pending messages, oldest first, until none is left that an honest party would take
 * (the honest network of a set-up or of a possibility run). Returns the actions it took too.
 */
export function deliverAll(world: World, limit = 1000): { world: World; actions: Action[] } {
  const actions: Action[] = [];
  let current = world;
  for (let i = 0; i < limit; i++) {
    const next = deliverable(current)[0];
    if (next === undefined) return { world: current, actions };
    const action: Action = { type: 'deliver', ref: next.ref };
    actions.push(action);
    current = step(current, action);
  }
  throw new Error(`deliverAll: still delivering after ${limit} messages`);
}
