/**
 * The security goals of SET.md 12 as predicates over a world and its log, each returning
 * "holds" (possibly "not claimed" under its honesty conditions) or a violation with an
 * explanation. `GOALS` lists them in SET.md's order; possibility (an honest run completes) is in
 * possibility.ts, and every suite checks it first.
 */
import { AGREEMENT_GOALS, GOAL_NAMES, type GoalName } from '../vocabulary/goal-names.ts';
import type { World } from '../world/world.ts';
import { agreementGoal } from './agreement.ts';
import { CERTIFICATE_BINDING } from './certificate-binding.ts';
import { INTEGRITY } from './integrity.ts';
import { MONEY } from './money.ts';
import { NO_REDIRECTION } from './no-redirection.ts';
import { ORDER_PRIVACY, PAN_SECRECY } from './secrecy.ts';
import type { Goal, GoalVerdict } from './verdict.ts';

export const GOALS: readonly Goal[] = [
  ...AGREEMENT_GOALS.map(agreementGoal), NO_REDIRECTION, PAN_SECRECY, ORDER_PRIVACY, INTEGRITY, CERTIFICATE_BINDING, MONEY,
];

if (GOALS.map((g) => g.name).join() !== GOAL_NAMES.join()) throw new Error('GOALS must list GOAL_NAMES in order');

export function goalNamed(name: GoalName): Goal {
  return GOALS.find((g) => g.name === name)!;
}

/** Every goal's verdict on a world, in SET.md 12's order. */
export function checkGoals(world: World): { readonly goal: GoalName; readonly verdict: GoalVerdict }[] {
  return GOALS.map((goal) => ({ goal: goal.name, verdict: goal.check(world) }));
}

/** The names of the goals a world violates. */
export function violatedGoals(world: World): GoalName[] {
  return GOALS.filter((goal) => !goal.check(world).holds).map((goal) => goal.name);
}

export { HOLDS, notClaimed, violated, type Goal, type GoalVerdict } from './verdict.ts';
export { checkAgreement } from './agreement.ts';
export { checkableFields } from './integrity.ts';
export { isHonest, brokenInfrastructure } from './honesty.ts';
export { possibilityRun, type PossibilityRun } from './possibility.ts';
