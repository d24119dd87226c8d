/** The merchant's role machine (SET.md 4.2, 5, 6): rules named after the SET messages. */
import { privateKey, type Term } from '../../terms/index.ts';
import type { Delivery } from '../common.ts';
import type { Environment } from '../environment.ts';
import { EMPTY_IDS } from '../id-set.ts';
import type { WorldEvent } from '../private-events.ts';
import { accept, memoised, reject, type Reaction } from '../reaction.ts';
import { roleMachine } from '../role-machine.ts';
import { unhandledKind } from '../unhandled.ts';
import { fulfil, onAuthRes } from './authorisation.ts';
import { capture, onCapRes } from './capture.ts';
import { agree, onInqReq, onPInitReq, onPReq } from './purchase.ts';
import { onCertRes, onMeAqCInitRes, startRegistration } from './registration.ts';
import type { MerchantState } from './state.ts';

export type MerchantEvent = Delivery | WorldEvent;

function react(state: MerchantState, event: MerchantEvent): Reaction<MerchantState> {
  switch (event.type) {
    case 'environment':
      return accept('Environment', { ...state, env: event.env });
    case 'merchantSecret':
      return accept('MerchantSecret', { ...state, secret: event.secret });
    case 'register':
      return startRegistration(state, event.registration);
    case 'agree':
      return agree(state, event);
    case 'fulfil':
      return fulfil(state, event.purchase);
    case 'capture':
      return capture(state, event.batch, event.items);
    case 'Me-AqCInitRes':
      return onMeAqCInitRes(state, event);
    case 'CertRes':
      return onCertRes(state, event);
    case 'PInitReq':
      return onPInitReq(state, event);
    case 'PReq':
      return onPReq(state, event);
    case 'AuthRes':
      return onAuthRes(state, event);
    case 'InqReq':
      return onInqReq(state, event);
    case 'CapRes':
      return onCapRes(state, event);
    default:
      return 'message' in event ? unhandledKind(state.env, event) : reject('unexpected', `a merchant takes no ${event.type}`);
  }
}

export const reactMerchant = memoised(react);

export const merchantMachine = roleMachine<MerchantState, MerchantEvent>('merchant', reactMerchant, [
  { event: 'environment', rule: 'Environment', description: 'the clock, the CRLs or the directory changed' },
  { event: 'merchantSecret', rule: 'MerchantSecret', description: 'SET.md 3: the acquirer hands over the MerchantSecret out of band' },
  { event: 'register', rule: 'Register', description: 'SET.md 4.2 step 1: send Me-AqCInitReq' },
  { event: 'Me-AqCInitRes', rule: 'Me-AqCInitRes', description: 'SET.md 4.2 step 2, D14: check the MCA certificates, CAEThumb, signature, Chall_EE; send CertReq' },
  { event: 'CertRes', rule: 'CertRes', description: 'SET.md 4.2 step 4: check signature, echoes, and that both certificates certify its keys' },
  { event: 'agree', rule: 'Agree', description: 'SET.md 5.1, step 4: the order (OD, PurchAmt) is agreed under LID_M' },
  { event: 'PInitReq', rule: 'PInitReq', description: 'SET.md 5.1-5.2: LID_M names an agreed order; send PInitRes with a fresh XID' },
  { event: 'PReq', rule: 'PReqS', description: 'SET.md 5.3-5.4, signed: TransID, CertS(C), challenges, MerchantID, HOD, DS; commit; send AuthReq' },
  { event: 'PReq', rule: 'PReqUns', description: 'SET.md 5.3-5.4, unsigned: TransID, challenges, MerchantID, HOD; commit; send AuthReq' },
  { event: 'AuthRes', rule: 'AuthResS', description: 'SET.md 5.6-5.7, approval (EncB with the token): RRPID, CertS(P), gateway, signature, TransID, MerchantID, AuthAmt; commit; send PRes' },
  { event: 'AuthRes', rule: 'AuthResUns', description: 'SET.md 5.6-5.7, decline (Enc, no token): the same checks; commit; send PRes' },
  { event: 'InqReq', rule: 'InqReqS', description: 'SET.md 5.9, D18, signed: RRPID, purchase, certificate of the PReq, signature; send PRes' },
  { event: 'InqReq', rule: 'InqReqUns', description: 'SET.md 5.9, D18, unsigned: RRPID, purchase, form; send PRes' },
  { event: 'fulfil', rule: 'Fulfil', description: 'SET.md 5.8: only an approved purchase, once' },
  { event: 'capture', rule: 'Capture', description: 'SET.md 6.1, D20: own approved purchases, at most AuthAmt, once; send CapReq' },
  { event: 'CapRes', rule: 'CapRes', description: 'SET.md 6.4: RRPID, CertS(P), gateway, signature, MerchantID; record each item' },
]);

export function initialMerchant(env: Environment, name: string): MerchantState {
  return {
    env, name, secret: undefined, keyPairs: 0, identity: undefined, registrations: {}, purchases: {}, consumed: EMPTY_IDS, acceptedXids: EMPTY_IDS,
    answered: EMPTY_IDS, batches: {},
  };
}

/** SET.md 9 compromise of a merchant: its keys, MerchantSecret and the orders it agreed. */
export function merchantSecrets(state: MerchantState): Term[] {
  const secrets: Term[] = [];
  for (let generation = 0; generation < state.keyPairs; generation++) {
    secrets.push(privateKey(state.name, 'signature', generation), privateKey(state.name, 'keyExchange', generation));
  }
  if (state.secret) secrets.push(state.secret);
  for (const purchase of Object.values(state.purchases)) secrets.push(purchase.od);
  return secrets;
}
