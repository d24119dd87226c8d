/**
 * The role machines of SET (SET.md 1, 4-7): cardholder, merchant, gateway, the CAs, issuer and
 * acquirer, each an xstate v5 machine whose transitions are rules named after SET messages.
 * `ROLE_MODULES` is the one table the world uses to run them.
 */
import type { AnyStateMachine } from 'xstate';
import type { Term } from '../terms/index.ts';
import type { PartyRole } from '../vocabulary/agents.ts';
import { acquirerMachine, acquirerSecrets, reactAcquirer, type AcquirerState } from './acquirer.ts';
import { caMachine, reactCa, type CaState } from './ca.ts';
import { cardholderMachine, cardholderSecrets, reactCardholder, type CardholderState } from './cardholder/index.ts';
import { gatewayMachine, gatewaySecrets, reactGateway, type GatewayState } from './gateway/index.ts';
import { issuerMachine, issuerSecrets, reactIssuer, type IssuerState } from './issuer.ts';
import { merchantMachine, merchantSecrets, reactMerchant, type MerchantState } from './merchant/index.ts';
import type { Reaction } from './reaction.ts';
import { privateKey } from '../terms/index.ts';

export interface RoleModule {
  readonly machine: AnyStateMachine;
  /** The role's memoised reaction (the same function its guards call). */
  readonly react: (state: never, event: never) => Reaction<unknown>;
  /** SET.md 9: every key and secret the party holds or can compute. */
  readonly secrets: (state: never) => Term[];
}

function caSecrets(state: CaState): Term[] {
  const keys = [privateKey(state.name, 'signature')];
  if (state.env.pki.cas.get(state.name)?.keyExchange) keys.push(privateKey(state.name, 'keyExchange'));
  return [...keys, ...state.secrets];
}

export const ROLE_MODULES: Readonly<Record<PartyRole, RoleModule>> = {
  cardholder: { machine: cardholderMachine, react: reactCardholder as RoleModule['react'], secrets: cardholderSecrets as RoleModule['secrets'] },
  merchant: { machine: merchantMachine, react: reactMerchant as RoleModule['react'], secrets: merchantSecrets as RoleModule['secrets'] },
  gateway: { machine: gatewayMachine, react: reactGateway as RoleModule['react'], secrets: gatewaySecrets as RoleModule['secrets'] },
  ca: { machine: caMachine, react: reactCa as RoleModule['react'], secrets: caSecrets as RoleModule['secrets'] },
  issuer: { machine: issuerMachine, react: reactIssuer as RoleModule['react'], secrets: issuerSecrets as RoleModule['secrets'] },
  acquirer: { machine: acquirerMachine, react: reactAcquirer as RoleModule['react'], secrets: acquirerSecrets as RoleModule['secrets'] },
};

export type PartyState = CardholderState | MerchantState | GatewayState | CaState | IssuerState | AcquirerState;

export * from './environment.ts';
export * from './outputs.ts';
export * from './private-events.ts';
export * from './reaction.ts';
export type { Delivery } from './common.ts';
export { transitionPure, initialSnapshot } from './pure-transition.ts';
export { initialCardholder, type CardholderState } from './cardholder/index.ts';
export { initialMerchant, type MerchantState } from './merchant/index.ts';
export { initialGateway, type GatewayState } from './gateway/index.ts';
export { initialCa, type CaState } from './ca.ts';
export { initialIssuer, holdsOf, availableOf, type IssuerState, type CardAccount } from './issuer.ts';
export { initialAcquirer, type AcquirerState } from './acquirer.ts';
export { cardholderMachine, merchantMachine, gatewayMachine, caMachine, issuerMachine, acquirerMachine };
