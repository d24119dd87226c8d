/**
 * The honest actions the explorer tries in a world (shared/ARCHITECTURE.md "The scenario
 * language"; SET.md 5, 6): start each planned purchase in each of its forms, deliver any pending
 * message an honest party takes, fulfil, capture and inquire. Actions a party would refuse are
 * not offered when the party's own records already say so (a purchase not authorised is not
 * fulfilled or captured), which only saves `step` calls: `step` refuses them anyway.
 *
 * Bounds that keep the honest space finite: each purchase is inquired about at most once (a
 * second InqReq is answered like the first, with a new RRPID), captured once, alone or in one
 * batch with the merchant's other authorised purchases (SET.md 6.1), and each cardholder in
 * `registrations` registers again at most once.
 */
import { deliverable } from '../scenario/run.ts';
import type { Action } from '../scenario/actions.ts';
import type { CardholderState, MerchantState } from '../roles/index.ts';
import type { World } from '../world/index.ts';
import { EXPLORATION_ORDER, type ExploreSettings } from './settings.ts';

function isPlayedByAttacker(world: World, party: string): boolean {
  return world.config.dishonest.includes(party);
}

export function registrationIdOf(cardholder: string): string {
  return `reg-${cardholder}-2`;
}

export function honestMoves(world: World, settings: ExploreSettings): Action[] {
  const moves: Action[] = [];
  for (const plan of settings.purchases) {
    if (world.purchases[plan.purchase] !== undefined) continue;
    for (const form of plan.forms) {
      moves.push({
        type: 'startPurchase', purchase: plan.purchase, cardholder: plan.cardholder, merchant: plan.merchant, order: EXPLORATION_ORDER, form,
        ...(plan.lidM !== undefined ? { lidM: plan.lidM } : {}),
      });
    }
  }
  for (const message of deliverable(world)) moves.push({ type: 'deliver', ref: message.ref });
  const capturable = new Map<string, { purchase: string; amount: number }[]>();
  for (const record of Object.values(world.purchases)) {
    if (!isPlayedByAttacker(world, record.merchant)) {
      const merchant = world.parties[record.merchant]!.snapshot.context as MerchantState;
      const purchase = merchant.purchases[record.id];
      if (purchase?.status === 'authorised') {
        if (!purchase.fulfilled) moves.push({ type: 'fulfil', purchase: record.id });
        if (!purchase.captureRequested && purchase.authAmt !== null) {
          let items = capturable.get(record.merchant);
          if (items === undefined) capturable.set(record.merchant, (items = []));
          items.push({ purchase: record.id, amount: purchase.authAmt });
        }
      }
    }
    if (!isPlayedByAttacker(world, record.cardholder)) {
      const cardholder = world.parties[record.cardholder]!.snapshot.context as CardholderState;
      const purchase = cardholder.purchases[record.id];
      if (purchase !== undefined && purchase.status !== 'initiated' && purchase.inquiries === 0) moves.push({ type: 'inquire', purchase: record.id });
    }
  }
  for (const [merchant, items] of capturable) {
    for (const item of items) moves.push({ type: 'capture', merchant, items: [item] });
    if (items.length > 1) moves.push({ type: 'capture', merchant, items });
  }
  for (const cardholder of settings.registrations) {
    const state = world.parties[cardholder]?.snapshot.context as CardholderState | undefined;
    if (state !== undefined && state.registrations[registrationIdOf(cardholder)] === undefined) {
      moves.push({ type: 'register', party: cardholder, registration: registrationIdOf(cardholder) });
    }
  }
  return moves;
}
