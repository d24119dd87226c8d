/**
 * Possibility first (SET.md 12; Isabelle's possibility lemmas): an honest registration,
 * purchase (signed and unsigned), authorisation and capture complete. A model that rejects
 * everything satisfies every goal, so every suite checks this before anything else.
 * `possibilityRun` plays the honest scenario and says what completed.
 */
import { deliverAll, runScenario, setUpWorld, type Action, type Order } from '../scenario/index.ts';
import { observe } from '../world/observe.ts';
import type { World } from '../world/world.ts';
import type { WorldConfig } from '../world/config.ts';

export interface PossibilityRun {
  readonly world: World;
  readonly actions: readonly Action[];
  /** Every registration issued, both purchases authorised on both sides, captured and paid. */
  readonly completed: {
    readonly registration: boolean;
    readonly signedPurchase: boolean;
    readonly unsignedPurchase: boolean;
    readonly authorisation: boolean;
    readonly capture: boolean;
  };
}

const ORDER: Order = { items: [{ description: 'book', quantity: 2, unitPrice: 2100 }] };

/** C1 (registered) buys signed as p1, C2 (unregistered) unsigned as p2, both from M1; M1 fulfils and captures both. */
export function possibilityRun(config: WorldConfig = { cardholders: ['C1', 'C2'], merchants: ['M1'] }): PossibilityRun {
  const setUp = setUpWorld(config, { registerCardholders: ['C1'] });
  const purchase: Action[] = [
    { type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order: ORDER, form: 'signed' },
    { type: 'startPurchase', purchase: 'p2', cardholder: 'C2', merchant: 'M1', order: ORDER, form: 'unsigned' },
  ];
  let world = runScenario(setUp.world, purchase).world;
  const bought = deliverAll(world);
  const capture: Action[] = [
    { type: 'fulfil', purchase: 'p1' },
    { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4200 }, { purchase: 'p2', amount: 4200 }] },
  ];
  world = runScenario(bought.world, capture).world;
  const captured = deliverAll(world);
  world = captured.world;
  const v = observe(world).views;
  const m = v.merchants['M1']!.purchases;
  return {
    world,
    actions: [...setUp.actions, ...purchase, ...bought.actions, ...capture, ...captured.actions],
    completed: {
      registration: v.cardholders['C1']!.registrations['reg-C1'] === 'issued' && v.merchants['M1']!.registrations['reg-M1'] === 'issued',
      signedPurchase: v.cardholders['C1']!.purchases['p1'] === 'authorised' && m['p1']?.status === 'authorised',
      unsignedPurchase: v.cardholders['C2']!.purchases['p2'] === 'authorised' && m['p2']?.status === 'authorised',
      authorisation: v.gateways['P1']!['p1']?.['M1']?.decision === 'approved' && v.gateways['P1']!['p2']?.['M1']?.decision === 'approved',
      capture: m['p1']?.captured === 4200 && m['p2']?.captured === 4200 && v.ledgers.balances['merchant:M1'] === 8400,
    },
  };
}
