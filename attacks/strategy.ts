/**
 * An attack strategy of the catalogue (issue 6): a named scenario with the goal it targets, the
 * world it needs (a dishonest party, say), and the verdict expected: on the correct protocol
 * every goal holds; on each variant it names, at least the listed goals break, on the model and
 * on the implementation alike (SET.md 10).
 */
import type { GoalName, WorldConfig } from '../model/index.ts';
import type { ScriptStep } from '../properties/conformance/scenario-builder.ts';

export interface AttackStrategy {
  readonly name: string;
  readonly description: string;
  readonly targets: readonly GoalName[];
  /** The world (without variants: the catalogue adds them). */
  readonly config: WorldConfig;
  readonly script: readonly ScriptStep[];
  /** Variants of SET.md 10 it should break, and the goals each must lose. */
  readonly breaks: Readonly<Record<string, readonly GoalName[]>>;
  /** Which cardholders register at set-up (default all). */
  readonly registerCardholders?: readonly string[];
}
