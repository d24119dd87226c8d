/**
 * Writing a directed scenario by hand: start from the usual set-up (accounts, registrations
 * delivered), add actions, and let `deliverAll` stand for "deliver whatever an honest party
 * would take next, oldest first", resolved on the model into plain `deliver` actions so the
 * result is an ordinary action list both sides run.
 */
import { deliverAll, findMessage, formatRef, setUpWorld, step, type Action, type MessageKind, type MessageRef, type World, type WorldConfig } from '../../model/index.ts';
import type { SetUpOptions } from '../../model/scenario/index.ts';
import type { Scenario } from '../arbitraries/scenario.ts';

export const DELIVER_ALL = { type: 'deliverAll' } as const;

/** Deliver honest messages, oldest first, until this message is on the network. */
export interface Until {
  readonly type: 'until';
  readonly ref: MessageRef;
}

export type ScriptStep = Action | typeof DELIVER_ALL | Until;

export const until = (session: string, kind: MessageKind, occurrence = 1): Until => ({ type: 'until', ref: { session, kind, occurrence } });

export function buildScenario(config: WorldConfig, script: readonly ScriptStep[], setUpOptions: SetUpOptions = {}): Scenario & { readonly world: World } {
  const setUp = setUpWorld(config, setUpOptions);
  let world = setUp.world;
  const actions: Action[] = [...setUp.actions];
  for (const item of script) {
    if (item.type === 'deliverAll') {
      const delivered = deliverAll(world);
      world = delivered.world;
      actions.push(...delivered.actions);
      continue;
    }
    if (item.type === 'until') {
      for (let i = 0; !findMessage(world.network, item.ref); i++) {
        const next = world.network.find((m) => m.status === 'pending' && world.parties[m.to] !== undefined && !world.config.dishonest.includes(m.to));
        if (!next || i > 200) throw new Error(`until: no ${formatRef(item.ref)} comes`);
        const action: Action = { type: 'deliver', ref: next.ref };
        world = step(world, action);
        actions.push(action);
      }
      continue;
    }
    world = step(world, item);
    actions.push(item);
  }
  return { config, actions, setUp: setUp.actions.length, world };
}
