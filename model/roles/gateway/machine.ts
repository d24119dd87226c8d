/** The payment gateway's role machine (SET.md 5.5, 5.6, 6.2-6.4): rules named after the SET messages. */
import { privateKey, type Term } from '../../terms/index.ts';
import type { Delivery } from '../common.ts';
import type { Environment } from '../environment.ts';
import { EMPTY_IDS } from '../id-set.ts';
import type { PrivateEvent, WorldEvent } from '../private-events.ts';
import { accept, memoised, reject, type Reaction } from '../reaction.ts';
import { roleMachine } from '../role-machine.ts';
import { unhandledKind } from '../unhandled.ts';
import { onAuthorisationAnswer, onAuthReq } from './authorisation.ts';
import { onCapReq } from './capture.ts';
import type { GatewayState } from './state.ts';

export type GatewayEvent = Delivery | PrivateEvent | WorldEvent;

function react(state: GatewayState, event: GatewayEvent): Reaction<GatewayState> {
  switch (event.type) {
    case 'environment':
      return accept('Environment', { ...state, env: event.env });
    case 'AuthReq':
      return onAuthReq(state, event);
    case 'authorisationAnswer':
      return onAuthorisationAnswer(state, event);
    case 'CapReq':
      return onCapReq(state, event);
    default:
      return 'message' in event ? unhandledKind(state.env, event) : reject('unexpected', `a gateway takes no ${event.type}`);
  }
}

export const reactGateway = memoised(react);

export const gatewayMachine = roleMachine<GatewayState, GatewayEvent>('gateway', reactGateway, [
  { event: 'environment', rule: 'Environment', description: 'the clock, the CRLs or the directory changed' },
  { event: 'AuthReq', rule: 'AuthReqS', description: 'SET.md 5.5, signed PI: envelope, freshness, baggage, merchant certificates and signature, PI, DS, UniqueCardholderID, H(OIData), TransID, HOD, MerchantID, amount; commit; ask the issuer' },
  { event: 'AuthReq', rule: 'AuthReqUns', description: 'SET.md 5.5, unsigned PI: the same, with the H(t) of the OAEP block instead of the certificate and DS' },
  { event: 'authorisationAnswer', rule: 'AuthResS', description: 'SET.md 5.5-5.6: the issuer approved; send EncB(P, M, AuthResData, CapToken)' },
  { event: 'authorisationAnswer', rule: 'AuthResUns', description: 'SET.md 5.5-5.6, D16: the issuer declined; send Enc(P, M, AuthResData)' },
  { event: 'CapReq', rule: 'CapReq', description: 'SET.md 6.2-6.4: envelope, RRPID, merchant certificates, signature, MerchantID; each item captured or not; clear; send CapRes' },
]);

export function initialGateway(env: Environment, name: string): GatewayState {
  return { env, name, consumed: EMPTY_IDS, decided: EMPTY_IDS, capturedTokens: EMPTY_IDS, pending: undefined, decisions: {} };
}

/** SET.md 9 compromise of a gateway: its keys. */
export function gatewaySecrets(state: GatewayState): Term[] {
  return [privateKey(state.name, 'signature'), privateKey(state.name, 'keyExchange')];
}
