/**
 * `no-redirection` (SET.md 12): P approves a payment to merchant m from cardholder C's PI only if
 * C's purchase was with m (C honest; m may be dishonest). The PI is identified by H(PIData),
 * which P computes from the PI it opened and C logged when it sent the PReq.
 */
import type { World } from '../world/world.ts';
import { brokenInfrastructure, cardholderOfPan, isHonest } from './honesty.ts';
import { HOLDS, notClaimed, violated, type Goal, type GoalVerdict } from './verdict.ts';

export function checkNoRedirection(world: World): GoalVerdict {
  const broken = brokenInfrastructure(world);
  if (broken !== undefined) return notClaimed(`${broken} is compromised`);
  for (const event of world.log) {
    if (event.type !== 'decision' || event.decision !== 'approved') continue;
    const cardholder = cardholderOfPan(world, event.pan);
    if (cardholder === undefined || !isHonest(world, cardholder)) continue;
    const sent = world.log.some(
      (e) => e.type === 'payment-instruction' && e.cardholder === cardholder && e.piHash === event.piHash && e.merchant === event.merchant,
    );
    if (!sent) return violated(`${event.gateway} approved a payment to ${event.merchant} from a PI of ${cardholder}, who made no purchase with ${event.merchant} with that PI`);
  }
  return HOLDS;
}

export const NO_REDIRECTION: Goal = {
  name: 'no-redirection',
  description: 'P approves a payment to merchant m from C\'s PI only if C\'s purchase was with m',
  check: checkNoRedirection,
};
