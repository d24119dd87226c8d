/**
 * The usual set-up (shared/ARCHITECTURE.md: "usually in the initial world, so scenarios stay
 * short"): every cardholder's card account (limit 1000.00, expiry 2027-12), every merchant's
 * account, and a registration of each cardholder and merchant with all its messages delivered.
 * The set-up is ordinary actions, so the same list drives the implementation.
 */
import { initialWorld } from '../world/initial.ts';
import type { WorldConfig } from '../world/config.ts';
import type { World } from '../world/world.ts';
import type { Action } from './actions.ts';
import { deliverAll, runScenario } from './run.ts';

export interface SetUpOptions {
  readonly limit?: number;
  readonly expiry?: string;
  /** Cardholders that register (default: all). Unregistered cardholders can still buy unsigned. */
  readonly registerCardholders?: readonly string[];
}

export const DEFAULT_LIMIT = 100_000;
export const DEFAULT_EXPIRY = '202712';

/** The set-up actions for a configuration, before the registration messages are delivered. */
export function setUpActions(world: World, options: SetUpOptions = {}): Action[] {
  const { cardholders, merchants } = world.config;
  const registering = options.registerCardholders ?? cardholders;
  return [
    ...cardholders.map((card): Action => ({ type: 'openAccount', card, limit: options.limit ?? DEFAULT_LIMIT, expiry: options.expiry ?? DEFAULT_EXPIRY })),
    ...merchants.map((merchant): Action => ({ type: 'openMerchantAccount', merchant })),
    ...merchants.map((party): Action => ({ type: 'register', party })),
    ...registering.map((party): Action => ({ type: 'register', party })),
  ];
}

/** A world after the usual set-up, and the actions that made it (set-up actions, then the deliveries). */
export function setUpWorld(config: WorldConfig = {}, options: SetUpOptions = {}): { world: World; actions: Action[] } {
  const initial = initialWorld(config);
  const actions = setUpActions(initial, options);
  const { world } = runScenario(initial, actions);
  const delivered = deliverAll(world);
  return { world: delivered.world, actions: [...actions, ...delivered.actions] };
}
