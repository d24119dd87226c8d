/** A goal's verdict on a world (SET.md 12): it holds (perhaps because it is not claimed), or it is violated, with an explanation. */
import type { GoalName } from '../vocabulary/goal-names.ts';
import type { World } from '../world/world.ts';

export type GoalVerdict =
  | { readonly holds: true; /** Why the goal is not claimed, when it is not (SET.md 12 honesty conditions). */ readonly notClaimed?: string }
  | { readonly holds: false; readonly explanation: string };

export const HOLDS: GoalVerdict = Object.freeze({ holds: true });

export function notClaimed(why: string): GoalVerdict {
  return { holds: true, notClaimed: why };
}

export function violated(explanation: string): GoalVerdict {
  return { holds: false, explanation };
}

export interface Goal {
  readonly name: GoalName;
  /** SET.md 12's statement, in one line. */
  readonly description: string;
  readonly check: (world: World) => GoalVerdict;
}
