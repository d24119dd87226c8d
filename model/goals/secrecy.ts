/**
 * The secrecy goals of SET.md 12. `pan-secrecy`: PAN, CardSecret and PANSecret are never held by
 * the attacker (SET.md 8: derivable from its knowledge) while the cardholder, its CCA, the
 * issuer, every gateway and every CA are honest; merchants may be dishonest. `order-privacy`: no
 * message an honest party sends to the gateway contains OD or ODSalt, and an honest gateway
 * cannot derive OD from what honest parties send it.
 */
import { privateKey } from '../terms/index.ts';
import { Knowledge } from '../knowledge/index.ts';
import { attackerSecrets } from '../world/observe.ts';
import type { World } from '../world/world.ts';
import { brokenInfrastructure, isHonest } from './honesty.ts';
import { HOLDS, notClaimed, violated, type Goal, type GoalVerdict } from './verdict.ts';

export function checkPanSecrecy(world: World): GoalVerdict {
  const broken = brokenInfrastructure(world);
  if (broken !== undefined) return notClaimed(`${broken} is compromised`);
  const secrets = attackerSecrets(world);
  for (const cardholder of world.config.cardholders) {
    if (!isHonest(world, cardholder)) continue;
    for (const kind of ['pan', 'cardSecret', 'panSecret']) {
      const name = `${kind}:${cardholder}`;
      for (const [secret, terms] of secrets) {
        if (secret === name && terms.some((t) => world.knowledge.canDerive(t))) return violated(`the attacker holds ${name}`);
      }
    }
  }
  return HOLDS;
}

export function checkOrderPrivacy(world: World): GoalVerdict {
  for (const gateway of world.config.gateways) {
    if (!isHonest(world, gateway)) continue;
    const received = world.network.filter((m) => m.to === gateway && m.origin === 'sent' && isHonest(world, m.from)).map((m) => m.term);
    if (received.length === 0) continue;
    const view = Knowledge.of([privateKey(gateway, 'signature'), privateKey(gateway, 'keyExchange'), ...received]);
    for (const purchase of Object.values(world.purchases)) {
      if (!isHonest(world, purchase.cardholder) || !isHonest(world, purchase.merchant)) continue;
      if (view.canDerive(purchase.od)) return violated(`${gateway} can derive the OD of ${purchase.id} from what honest parties sent it`);
      const salt = world.log.find((e) => e.type === 'payment-instruction' && e.purchase === purchase.id);
      if (salt?.type === 'payment-instruction' && view.canDerive(salt.odSalt)) return violated(`${gateway} received the ODSalt of ${purchase.id}`);
    }
  }
  return HOLDS;
}

export const PAN_SECRECY: Goal = {
  name: 'pan-secrecy',
  description: 'PAN, CardSecret and PANSecret are never held by the attacker while the cardholder, its CCA, the issuer, every gateway and every CA are honest',
  check: checkPanSecrecy,
};

export const ORDER_PRIVACY: Goal = {
  name: 'order-privacy',
  description: 'no message an honest party sends to the gateway contains OD or ODSalt, and an honest gateway cannot derive OD from them',
  check: checkOrderPrivacy,
};
