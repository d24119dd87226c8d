/** Worlds and scenario fragments shared by the model's tests. */
import { expect } from 'vitest';
import { deliverAll, runScenario, setUpWorld, type Action, type MessageRef, type Order, type StartPurchase } from './index.ts';
import { findMessage, step, type World, type WorldConfig } from '../world/index.ts';
import type { MessageKind } from '../vocabulary/message-kinds.ts';
import type { Outcome } from '../vocabulary/outcomes.ts';

export const ORDER: Order = { items: [{ description: 'book', quantity: 2, unitPrice: 2100 }] };
export const AMOUNT = 4200;

const cache = new Map<string, World>();

/** After the usual set-up: C1 registered, C2 not; M1 (and M2) registered; P1. */
export function registered(config: WorldConfig = {}): World {
  const key = JSON.stringify(config);
  let world = cache.get(key);
  if (world === undefined) {
    world = setUpWorld({ cardholders: ['C1', 'C2'], merchants: ['M1', 'M2'], ...config }, { registerCardholders: ['C1', ...(config.dishonest?.includes('C2') ? ['C2'] : [])] }).world;
    cache.set(key, world);
  }
  return world;
}

export function start(purchase: string, form: 'signed' | 'unsigned' = 'signed', cardholder = form === 'signed' ? 'C1' : 'C2', merchant = 'M1'): StartPurchase {
  return { type: 'startPurchase', purchase, cardholder, merchant, order: ORDER, form };
}

export function ref(session: string, kind: MessageKind, occurrence = 1): MessageRef {
  return { session, kind, occurrence };
}

export function deliver(session: string, kind: MessageKind, occurrence = 1): Action {
  return { type: 'deliver', ref: ref(session, kind, occurrence) };
}

export function run(world: World, ...actions: Action[]): World {
  return runScenario(world, actions).world;
}

/** Deliver the honest messages of a purchase in order until `kind` of `session` is pending (not delivered). */
export function until(world: World, session: string, kind: MessageKind, occurrence = 1): World {
  let current = world;
  for (let i = 0; i < 200; i++) {
    const target = findMessage(current.network, ref(session, kind, occurrence));
    if (target !== undefined) return current;
    const next = current.network.find((m) => m.status === 'pending' && current.parties[m.to] !== undefined && !current.config.dishonest.includes(m.to));
    if (next === undefined) throw new Error(`no ${session}/${kind}#${occurrence} comes`);
    current = step(current, { type: 'deliver', ref: next.ref });
  }
  throw new Error('until: too many steps');
}

/** The outcome of the last action, which must have been a delivery. */
export function outcome(world: World): Outcome {
  const last = world.last;
  if (last.kind !== 'delivered') throw new Error(`the last action was not delivered: ${JSON.stringify(last)}`);
  return last.outcome;
}

export function expectOutcome(world: World, expected: Outcome): void {
  expect(outcome(world), JSON.stringify(world.last)).toBe(expected);
}

/** A signed purchase p1 of C1 at M1, authorised, with every message delivered. */
export function authorised(config: WorldConfig = {}, form: 'signed' | 'unsigned' = 'signed'): World {
  return deliverAll(run(registered(config), start('p1', form))).world;
}

export { deliverAll, step };

/** A rejected delivery changed nothing but the message's status and the delivery record (SET.md 8). */
export function expectNothingChanged(before: World, after: World, receiver: string): void {
  expect(after.parties[receiver]).toBe(before.parties[receiver]);
  expect(after.network.filter((m) => m.status === 'pending').length).toBe(before.network.filter((m) => m.status === 'pending').length - 1);
  expect(after.network.length).toBe(before.network.length);
  expect(after.log.length).toBe(before.log.length + 1);
  expect(after.knowledge).toBe(before.knowledge);
}

/** Deliver `target` to its receiver and expect `expected`; a rejection must change nothing. */
export function expectDelivery(world: World, target: MessageRef, expected: Outcome): World {
  const message = findMessage(world.network, target);
  if (message === undefined) throw new Error(`no message ${JSON.stringify(target)}`);
  const after = step(world, { type: 'deliver', ref: target });
  expectOutcome(after, expected);
  if (expected !== 'accepted') expectNothingChanged(world, after, message.to);
  return after;
}

/** The reference of the last message put on the network. */
export function lastRef(world: World): MessageRef {
  return world.network.at(-1)!.ref;
}

/** Apply `action`, which must not be skipped or refused. */
export function must(world: World, action: Action): World {
  const next = step(world, action);
  if (next.last.kind === 'skipped' || next.last.kind === 'refused') throw new Error(`${action.type}: ${next.last.reason}`);
  return next;
}
