/**
 * Writing a directed scenario by hand: start from the usual set-up (accounts, registrations
 * delivered), add actions, and let `deliverAll` stand for "deliver whatever an honest party
 * would take next, oldest first", resolved on the model into plain `deliver` actions so the
 * result is an ordinary action list both sides run.
 */
import { deliverAll, setUpWorld, step, type Action, type World, type WorldConfig } from '../../model/index.ts';
import type { Scenario } from '../arbitraries/scenario.ts';

export const DELIVER_ALL = { type: 'deliverAll' } as const;
export type ScriptStep = Action | typeof DELIVER_ALL;

export function buildScenario(config: WorldConfig, script: readonly ScriptStep[]): Scenario & { readonly world: World } {
  const setUp = setUpWorld(config);
  let world = setUp.world;
  const actions: Action[] = [...setUp.actions];
  for (const item of script) {
    if (item.type === 'deliverAll') {
      const delivered = deliverAll(world);
      world = delivered.world;
      actions.push(...delivered.actions);
      continue;
    }
    world = step(world, item);
    actions.push(item);
  }
  return { config, actions, setUp: setUp.actions.length, world };
}
