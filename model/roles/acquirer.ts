/**
 * The acquirer (SET.md 1, 4.2 step 3, 6.3, 7): the merchant's bank, reached over the private
 * payment network. It opens merchant accounts (handing each merchant its MerchantSecret),
 * confirms a merchant's identity for the MCA, and settles captures: `clearing → acquirer` and
 * `acquirer → merchant:<M>`. It owns the `clearing`, `acquirer` and `merchant:<M>` balances.
 */
import type { Term } from '../terms/index.ts';
import { call, log } from './common.ts';
import type { Environment } from './environment.ts';
import type { PrivateEvent, WorldEvent } from './private-events.ts';
import { accept, memoised, reject, type Reaction } from './reaction.ts';
import { roleMachine } from './role-machine.ts';

export interface MerchantAccount {
  readonly merchant: string;
  readonly secret: Term;
  readonly balance: number;
}

export interface AcquirerState {
  readonly env: Environment;
  readonly name: string;
  readonly merchants: Readonly<Record<string, MerchantAccount>>;
  readonly clearing: number;
  readonly balance: number;
}

export type AcquirerEvent = PrivateEvent | WorldEvent;

function react(state: AcquirerState, event: AcquirerEvent): Reaction<AcquirerState> {
  switch (event.type) {
    case 'environment':
      return accept('Environment', { ...state, env: event.env });
    case 'openMerchantAccount':
      if (state.merchants[event.merchant] !== undefined) return reject('unexpected', 'account already open');
      return accept('OpenMerchantAccount', {
        ...state, merchants: { ...state.merchants, [event.merchant]: { merchant: event.merchant, secret: event.secret, balance: 0 } },
      });
    case 'confirmMerchant': {
      const account = event.merchantId.kind === 'agent' ? state.merchants[event.merchantId.name] : undefined;
      const confirmed = account !== undefined && account.secret === event.secret;
      return accept('ConfirmMerchant', state, [call(event.replyTo, { type: 'identityAnswer', answer: confirmed ? 'confirmed' : 'identity' })]);
    }
    case 'settle': {
      const a = event.amount;
      const account = state.merchants[event.merchant] ?? { merchant: event.merchant, secret: undefined as unknown as Term, balance: 0 };
      return accept('Settle', {
        ...state,
        merchants: { ...state.merchants, [event.merchant]: { ...account, balance: account.balance + a } },
      }, [
        log({ type: 'transfer', from: 'clearing', to: 'acquirer', amount: a }),
        log({ type: 'transfer', from: 'acquirer', to: `merchant:${event.merchant}`, amount: a }),
      ]);
    }
    default:
      return reject('unexpected', `the acquirer takes no ${event.type}`);
  }
}

export const reactAcquirer = memoised(react);

export const acquirerMachine = roleMachine<AcquirerState, AcquirerEvent>('acquirer', reactAcquirer, [
  { event: 'environment', rule: 'Environment', description: 'the clock, the CRLs or the directory changed' },
  { event: 'openMerchantAccount', rule: 'OpenMerchantAccount', description: 'SET.md 3, 4.2: open a merchant account; the merchant gets its MerchantSecret out of band' },
  { event: 'confirmMerchant', rule: 'ConfirmMerchant', description: 'SET.md 4.2 step 3: MerchantSecret belongs to an open account of MerchantID' },
  { event: 'settle', rule: 'Settle', description: 'SET.md 6.3, 7: clearing → acquirer → merchant:<MerchantID>' },
]);

export function initialAcquirer(env: Environment, name: string): AcquirerState {
  return { env, name, merchants: {}, clearing: 0, balance: 0 };
}

/** SET.md 9 compromise: every MerchantSecret. */
export function acquirerSecrets(state: AcquirerState): Term[] {
  return Object.values(state.merchants).flatMap((m) => (m.secret === undefined ? [] : [m.secret]));
}
