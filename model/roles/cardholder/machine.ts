/**
 * The cardholder's role machine (SET.md 4.1, 5): rules named after the SET messages it takes or
 * sends, each guarded by the checks of its section (registration.ts, purchase.ts).
 */
import type { Term } from '../../terms/index.ts';
import { privateKey } from '../../terms/index.ts';
import type { Delivery } from '../common.ts';
import type { Environment } from '../environment.ts';
import { EMPTY_IDS } from '../id-set.ts';
import type { WorldEvent } from '../private-events.ts';
import { accept, memoised, reject, type Reaction } from '../reaction.ts';
import { roleMachine } from '../role-machine.ts';
import { unhandledKind } from '../unhandled.ts';
import { inquire, onPInitRes, onPRes, startPurchase } from './purchase.ts';
import { onCardCInitRes, onCertRes, onRegFormRes, startRegistration } from './registration.ts';
import type { CardholderState } from './state.ts';

export type CardholderEvent = Delivery | WorldEvent;

function react(state: CardholderState, event: CardholderEvent): Reaction<CardholderState> {
  switch (event.type) {
    case 'environment':
      return accept('Environment', { ...state, env: event.env });
    case 'cardIssued':
      return state.card === undefined ? accept('CardIssued', { ...state, card: event.card }) : reject('unexpected', 'card already issued');
    case 'register':
      return startRegistration(state, event.registration);
    case 'startPurchase':
      return startPurchase(state, event);
    case 'inquire':
      return inquire(state, event.purchase);
    case 'CardCInitRes':
      return onCardCInitRes(state, event);
    case 'RegFormRes':
      return onRegFormRes(state, event);
    case 'CertRes':
      return onCertRes(state, event);
    case 'PInitRes':
      return onPInitRes(state, event);
    case 'PRes':
      return onPRes(state, event);
    default:
      return 'message' in event ? unhandledKind(state.env, event) : reject('unexpected', `a cardholder takes no ${event.type}`);
  }
}

export const reactCardholder = memoised(react);

export const cardholderMachine = roleMachine<CardholderState, CardholderEvent>('cardholder', reactCardholder, [
  { event: 'environment', rule: 'Environment', description: 'the clock, the CRLs or the directory changed' },
  { event: 'cardIssued', rule: 'CardIssued', description: 'SET.md 7 step 1: the issuer opened the card account' },
  { event: 'register', rule: 'Register', description: 'SET.md 4.1 step 1: send CardCInitReq' },
  { event: 'CardCInitRes', rule: 'CardCInitRes', description: 'SET.md 4.1 step 2: check both CA certificates, CAEThumb, the signature, the echoes; send RegFormReq' },
  { event: 'RegFormRes', rule: 'RegFormRes', description: 'SET.md 4.1 step 4, D14: check the CA certificates again, the signature, the echoes; send CertReq' },
  { event: 'CertRes', rule: 'CertRes', description: 'SET.md 4.1 step 6, D14: check the signature, the echoes, Cert(C)\'s key and UniqueCardholderID' },
  { event: 'startPurchase', rule: 'StartPurchase', description: 'SET.md 5.1: send PInitReq (D12, no-challenges: the PReq at once)' },
  { event: 'PInitRes', rule: 'PInitRes', description: 'SET.md 5.2-5.3, step 5: check merchant and gateway certificates, TransID, PEThumb, signature, Chall_C; send PReq' },
  { event: 'PRes', rule: 'PRes', description: 'SET.md 5.7: check RRPID, the merchant certificate again, signature, TransID, Chall_C, HOD, H(PIData); commit on the first authorised' },
  { event: 'inquire', rule: 'Inquire', description: 'SET.md 5.9: send InqReq in the purchase\'s form (D18)' },
]);

export function initialCardholder(env: Environment, name: string): CardholderState {
  return { env, name, card: undefined, identity: undefined, keyPairs: 0, registrations: {}, purchases: {}, answered: EMPTY_IDS };
}

/** SET.md 9 compromise: everything a cardholder holds or can compute. */
export function cardholderSecrets(state: CardholderState): Term[] {
  const secrets: Term[] = [];
  if (state.card) secrets.push(state.card.pan, state.card.postcode);
  for (let generation = 0; generation < state.keyPairs; generation++) secrets.push(privateKey(state.name, 'signature', generation));
  for (const registration of Object.values(state.registrations)) {
    if (registration.request) secrets.push(registration.request.cardSecret, registration.request.caBackKey);
  }
  if (state.identity) secrets.push(state.identity.cardCertNonce, state.identity.panSecret);
  for (const purchase of Object.values(state.purchases)) {
    secrets.push(purchase.od);
    if (purchase.sent) secrets.push(purchase.sent.odSalt);
  }
  return secrets;
}
