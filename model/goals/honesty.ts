/**
 * SET.md 12's honesty conditions: every goal assumes the gateways, the issuer, the acquirer and
 * every CA honest unless it says otherwise; a party the attacker plays or compromised is not
 * honest (SET.md 9: "A goal that assumes a party honest is not claimed once that party is
 * compromised").
 */
import type { Term } from '../terms/index.ts';
import { ACQUIRER, CERTIFICATE_AUTHORITIES, ISSUER } from '../vocabulary/agents.ts';
import type { World } from '../world/world.ts';

export function isHonest(world: World, party: string): boolean {
  return !world.compromised.includes(party);
}

/** The first infrastructure party (gateway, issuer, acquirer, CA) that is not honest, if any. */
export function brokenInfrastructure(world: World): string | undefined {
  return [...world.config.gateways, ISSUER, ACQUIRER, ...CERTIFICATE_AUTHORITIES].find((party) => !isHonest(world, party));
}

/**
 * The party a term names in agreement values: an agent's name, or for a cardholder
 * certificate's subject (a UniqueCardholderID) the cardholder the CCA issued it to.
 */
export function partyNamed(world: World, term: Term): string | undefined {
  if (term.kind === 'agent') return term.name;
  for (const event of world.log) {
    if (event.type === 'certificate-issued' && event.certificate.subject === term) return event.owner;
  }
  return undefined;
}

/** Which cardholder a PAN belongs to (the PAN atoms are named after the cardholder, `pan:<C>`). */
export function cardholderOfPan(world: World, pan: Term): string | undefined {
  return pan.kind === 'pan' && world.config.cardholders.includes(pan.label) ? pan.label : undefined;
}
