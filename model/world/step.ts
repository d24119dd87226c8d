/**
 * `step(world, action) → world`: the one transition of the model (shared/ARCHITECTURE.md). Pure:
 * the same world and action give the same result, and the world given is never changed.
 * `world.last` says what the action did (delivered with an outcome, done, refused, skipped).
 */
import type { Action } from '../scenario/actions.ts';
import { compromise, drop, duplicate, redirect, replay, substituteCertificate, swapOrderData, tamper } from './adversary.ts';
import { Draft, secretsHandedOver } from './draft.ts';
import { fake } from './fake.ts';
import {
  advanceClock, block, capture, deliver, fulfil, inquire, openAccount, openMerchantAccount, register, revoke, startPurchase,
} from './honest.ts';
import type { ActionResult, World } from './world.ts';

function apply(draft: Draft, action: Action): ActionResult {
  switch (action.type) {
    case 'openAccount': return openAccount(draft, action);
    case 'openMerchantAccount': return openMerchantAccount(draft, action);
    case 'register': return register(draft, action);
    case 'startPurchase': return startPurchase(draft, action);
    case 'deliver': return deliver(draft, action);
    case 'fulfil': return fulfil(draft, action);
    case 'capture': return capture(draft, action);
    case 'inquire': return inquire(draft, action);
    case 'advanceClock': return advanceClock(draft, action);
    case 'revoke': return revoke(draft, action);
    case 'block': return block(draft, action);
    case 'drop': return drop(draft, action);
    case 'duplicate': return duplicate(draft, action);
    case 'replay': return replay(draft, action);
    case 'swapOrderData': return swapOrderData(draft, action);
    case 'tamper': return tamper(draft, action);
    case 'redirect': return redirect(draft, action);
    case 'substituteCertificate': return substituteCertificate(draft, action);
    case 'fake': return fake(draft, action);
    case 'compromise': return compromise(draft, action);
    default: {
      const unknown: never = action;
      throw new RangeError(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

export function step(world: World, action: Action): World {
  const draft = new Draft(world);
  const result = apply(draft, action);
  // A skipped or refused action changes nothing (D24): the same world, with only `last` new.
  if (result.kind === 'skipped' || result.kind === 'refused') {
    const same = { ...world, last: result };
    if (secretsHandedOver.has(world)) secretsHandedOver.add(same);
    return same;
  }
  return draft.finish(result);
}
