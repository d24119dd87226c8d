/**
 * The issuer (SET.md 1, 5.5, 6.3, 7; docs/decisions.md D13): the card's bank. Not a SET party:
 * P and the CCA call it over the private payment network. It opens and blocks card accounts,
 * decides authorisations (a hold), confirms a cardholder's identity for the CCA, and clears
 * captures: releases the hold, posts `card → issuer` and `issuer → clearing`, and passes the
 * amount to the acquirer. It owns the `card:<C>` and `issuer` balances.
 */
import { nonce, type Pan, type SecretData, type Term, type Text } from '../terms/index.ts';
import { ACQUIRER } from '../vocabulary/agents.ts';
import type { DeclineReason } from '../vocabulary/outcomes.ts';
import { firstExpiredDay } from './calendar.ts';
import { call, log } from './common.ts';
import type { Environment } from './environment.ts';
import type { Output } from './outputs.ts';
import type { PrivateEvent, WorldEvent } from './private-events.ts';
import { accept, memoised, reject, type Reaction } from './reaction.ts';
import { roleMachine } from './role-machine.ts';

export interface Hold {
  readonly holdRef: Term;
  readonly amount: number;
}

export interface CardAccount {
  readonly cardholder: string;
  readonly pan: Pan;
  readonly expiry: Text;
  readonly name: Text;
  readonly postcode: SecretData;
  readonly limit: number;
  readonly status: 'open' | 'blocked';
  /** SET.md 7: negative is what the cardholder owes. */
  readonly balance: number;
  /** Open holds by the hold reference's id. */
  readonly holds: Readonly<Record<string, Hold>>;
}

export interface IssuerState {
  readonly env: Environment;
  readonly name: string;
  readonly accounts: Readonly<Record<string, CardAccount>>;
  /** The `issuer` account's balance. */
  readonly balance: number;
}

export type IssuerEvent = PrivateEvent | WorldEvent;

export function holdsOf(account: CardAccount): number {
  let sum = 0;
  for (const hold of Object.values(account.holds)) sum += hold.amount;
  return sum;
}

/** SET.md 7: `available = limit + balance − holds`. */
export function availableOf(account: CardAccount): number {
  return account.limit + account.balance - holdsOf(account);
}

function accountOfPan(state: IssuerState, pan: Term): CardAccount | undefined {
  for (const account of Object.values(state.accounts)) if (account.pan === pan) return account;
  return undefined;
}

function withAccount(state: IssuerState, account: CardAccount): IssuerState {
  return { ...state, accounts: { ...state.accounts, [account.cardholder]: account } };
}

/** D13's order: unknown-card, expired, blocked, insufficient-credit. */
function declineReason(state: IssuerState, account: CardAccount | undefined, expiry: Term, amount: number): DeclineReason | undefined {
  if (account === undefined || account.expiry !== expiry) return 'unknown-card';
  const expiredFrom = firstExpiredDay(account.expiry.value);
  if (expiredFrom === undefined || state.env.day >= expiredFrom) return 'expired';
  if (account.status === 'blocked') return 'blocked';
  if (amount > availableOf(account)) return 'insufficient-credit';
  return undefined;
}

function react(state: IssuerState, event: IssuerEvent): Reaction<IssuerState> {
  switch (event.type) {
    case 'environment':
      return accept('Environment', { ...state, env: event.env });
    case 'openAccount': {
      if (state.accounts[event.cardholder] !== undefined) return reject('unexpected', 'account already open');
      const { pan, expiry, name, postcode } = event.card;
      return accept('OpenAccount', withAccount(state, {
        cardholder: event.cardholder, pan, expiry, name, postcode, limit: event.limit, status: 'open', balance: 0, holds: {},
      }));
    }
    case 'block': {
      const account = state.accounts[event.cardholder];
      if (account === undefined) return reject('unexpected', 'no such account');
      return accept('Block', withAccount(state, { ...account, status: 'blocked' }));
    }
    case 'authorise': {
      const account = accountOfPan(state, event.pan);
      const reason = declineReason(state, account, event.expiry, event.amount.minorUnits);
      if (reason !== undefined || account === undefined) {
        return accept('AuthoriseDecline', state, [call(event.replyTo, { type: 'authorisationAnswer', approved: false, reason: reason ?? 'unknown-card' })]);
      }
      const label = `${state.name}:${event.merchant}:${event.xid.id}`;
      const holdRef = nonce(`${label}:HoldRef`);
      const authCode = nonce(`${label}:AuthCode`);
      const amount = event.amount.minorUnits;
      const next = withAccount(state, { ...account, holds: { ...account.holds, [holdRef.id]: { holdRef, amount } } });
      return accept('AuthoriseApprove', next, [
        log({ type: 'hold', card: account.cardholder, holdRef, amount }),
        call(event.replyTo, { type: 'authorisationAnswer', approved: true, authCode, holdRef }),
      ]);
    }
    case 'confirmIdentity': {
      const account = accountOfPan(state, event.pan);
      const answer = (answer: 'confirmed' | 'identity' | 'unknown-account'): Output =>
        call(event.replyTo, { type: 'identityAnswer', answer, ...(account ? { owner: account.cardholder } : {}) });
      if (account === undefined) return accept('ConfirmIdentity', state, [answer('unknown-account')]);
      const values = event.values;
      const formMatches = values.kind === 'tuple' && values.items.length === 2 && values.items[0] === account.name && values.items[1] === account.postcode;
      const confirmed = account.expiry === event.expiry && formMatches && account.status === 'open';
      return accept('ConfirmIdentity', state, [answer(confirmed ? 'confirmed' : 'identity')]);
    }
    case 'clear': {
      for (const account of Object.values(state.accounts)) {
        const hold = account.holds[event.holdRef.id];
        if (hold === undefined) continue;
        const holds = { ...account.holds };
        delete holds[event.holdRef.id];
        const a = event.amount;
        const outputs: Output[] = [log({ type: 'release', card: account.cardholder, holdRef: hold.holdRef, amount: hold.amount })];
        if (a > 0) {
          outputs.push(
            log({ type: 'transfer', from: `card:${account.cardholder}`, to: 'issuer', amount: a }),
            log({ type: 'transfer', from: 'issuer', to: 'clearing', amount: a }),
            call(ACQUIRER, { type: 'settle', merchant: event.merchant, amount: a }),
          );
        }
        return accept('Clear', withAccount(state, { ...account, holds, balance: account.balance - a }), outputs);
      }
      return reject('unexpected', 'no such hold');
    }
    default:
      return reject('unexpected', `the issuer takes no ${event.type}`);
  }
}

export const reactIssuer = memoised(react);

export const issuerMachine = roleMachine<IssuerState, IssuerEvent>('issuer', reactIssuer, [
  { event: 'environment', rule: 'Environment', description: 'the clock, the CRLs or the directory changed' },
  { event: 'openAccount', rule: 'OpenAccount', description: 'SET.md 7, step 1: open a card account (PAN, expiry, limit); moves no money' },
  { event: 'block', rule: 'Block', description: 'SET.md 7: block(card) changes the status' },
  { event: 'authorise', rule: 'AuthoriseApprove', description: 'SET.md 5.5, D13: approve with an AuthCode and a hold of the amount' },
  { event: 'authorise', rule: 'AuthoriseDecline', description: 'SET.md 5.5, D13: decline (unknown-card | expired | blocked | insufficient-credit), no hold' },
  { event: 'confirmIdentity', rule: 'ConfirmIdentity', description: 'SET.md 4.1 step 5, D13: PAN, expiry and form values belong to one open account' },
  { event: 'clear', rule: 'Clear', description: 'SET.md 6.3, 7: release the whole hold, post card → issuer → clearing, settle with the acquirer' },
]);

export function initialIssuer(env: Environment, name: string): IssuerState {
  return { env, name, accounts: {}, balance: 0 };
}

/** SET.md 9 compromise: the PANs and form values of every account. */
export function issuerSecrets(state: IssuerState): Term[] {
  return Object.values(state.accounts).flatMap((a) => [a.pan, a.postcode]);
}

