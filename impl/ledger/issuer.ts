/**
 * The issuer I (SET.md sections 1, 5.5, 6.3, 7; seed steps 1, 8, 11): the card's bank. It is
 * not a SET party: the CCA and the gateways call it directly over the private payment network.
 * It opens card accounts (step 1), confirms a cardholder's identity for the CCA (step 2),
 * approves with a hold or declines (step 8), and posts captures (step 11).
 */
import { assertSafeInteger, assertString } from '../assert.ts';
import { ArgumentError } from '../errors.ts';
import { cardExpired } from './calendar.ts';
import type { Ledger } from './ledger.ts';

export type CardStatus = 'open' | 'blocked';
export type DeclineReason = 'unknown-card' | 'expired' | 'insufficient-credit' | 'blocked';

export interface CardAccountInit {
  /** The cardholder's scenario id ("C1"): the account prints as `card:C1`. */
  readonly holder: string;
  readonly pan: string;
  readonly cardExpiry: string;
  /** Credit limit in minor units. */
  readonly limit: number;
  /** What the cardholder must fill in the CCA's form to prove identity (SET.md 3: RegFormValues). */
  readonly name: string;
  readonly billingPostcode: string;
}

interface Hold {
  readonly amount: number;
  readonly merchantId: string;
}

interface CardAccount extends CardAccountInit {
  readonly account: string;
  status: CardStatus;
  readonly holds: Map<string, Hold>;
}

export interface AuthorisationRequest {
  readonly pan: string;
  readonly cardExpiry: string;
  readonly amount: number;
  readonly merchantId: string;
  readonly xid: string;
}

export type AuthorisationAnswer =
  | { readonly approved: true; readonly authCode: string; readonly holdRef: string; readonly account: string }
  | { readonly approved: false; readonly reason: DeclineReason; readonly account: string | null };

export type IdentityAnswer = 'confirmed' | 'identity' | 'unknown-account';

/** Per card, what SET.md section 7 shows of it besides its balance. */
export interface CardView {
  readonly limit: number;
  readonly status: CardStatus;
  readonly holds: number;
}

export class Issuer {
  #byPan = new Map<string, CardAccount>();
  #holdRefs = new Map<string, CardAccount>();
  #nextHold = 1;

  constructor(readonly ledger: Ledger) {
    ledger.open('issuer');
  }

  /** Seed step 1: opens a card account; moves no money. */
  openAccount(init: CardAccountInit): string {
    assertString(init.holder, 'holder', /^[A-Za-z0-9_-]{1,32}$/);
    assertString(init.pan, 'pan', /^[0-9]{12,19}$/);
    assertString(init.cardExpiry, 'cardExpiry', /^[0-9]{4}(0[1-9]|1[0-2])$/);
    assertSafeInteger(init.limit, 'limit');
    if (this.#byPan.has(init.pan)) throw new ArgumentError('pan', 'an account with this PAN is already open');
    const account = `card:${init.holder}`;
    if ([...this.#byPan.values()].some((a) => a.account === account)) throw new ArgumentError('holder', `${init.holder} already has a card account`);
    this.#byPan.set(init.pan, { ...init, account, status: 'open', holds: new Map() });
    this.ledger.open(account);
    return account;
  }

  /** SET.md `block(card)`: changes the status; moves no money. */
  block(holder: string): void {
    this.#accountOf(holder).status = 'blocked';
  }

  /** SET.md 4.1 step 5: do PAN, expiry and the form's values belong to one open account? */
  confirmCardholder(request: { pan: string; cardExpiry: string; name: string; billingPostcode: string }): IdentityAnswer {
    const account = this.#byPan.get(request.pan);
    if (!account) return 'unknown-account';
    const same = account.cardExpiry === request.cardExpiry && account.name === request.name && account.billingPostcode === request.billingPostcode;
    return same && account.status === 'open' ? 'confirmed' : 'identity';
  }

  /** Whose card this is (the CCA names a certificate's subject by it, SET.md 8). */
  holderOf(pan: string): string | null {
    return this.#byPan.get(pan)?.holder ?? null;
  }

  /**
   * SET.md 5.5: approve with an AuthCode and a hold of the amount, or decline. Checked in the
   * order unknown-card, expired, blocked, insufficient-credit (docs/decisions.md D13).
   * An authorisation of exactly the available amount is approved (SET.md 7).
   */
  authorise(request: AuthorisationRequest, day: number): AuthorisationAnswer {
    const account = this.#byPan.get(request.pan);
    if (!account || account.cardExpiry !== request.cardExpiry) return { approved: false, reason: 'unknown-card', account: null };
    const decline = (reason: DeclineReason): AuthorisationAnswer => ({ approved: false, reason, account: account.account });
    if (cardExpired(account.cardExpiry, day)) return decline('expired');
    if (account.status === 'blocked') return decline('blocked');
    if (request.amount > this.#available(account)) return decline('insufficient-credit');
    const holdRef = `hold-${this.#nextHold++}`;
    account.holds.set(holdRef, { amount: request.amount, merchantId: request.merchantId });
    this.#holdRefs.set(holdRef, account);
    return { approved: true, authCode: `AUTH-${holdRef.slice(5).padStart(6, '0')}`, holdRef, account: account.account };
  }

  /**
   * SET.md 6.3: releases the whole hold (also on a partial capture) and posts `amount` from
   * the card to the issuer. Returns the card account, or null for an unknown or released hold.
   */
  postCapture(holdRef: string, amount: number, memo: string): string | null {
    const account = this.#holdRefs.get(holdRef);
    if (!account || !account.holds.delete(holdRef)) return null;
    this.#holdRefs.delete(holdRef);
    if (amount > 0) this.ledger.transfer(account.account, 'issuer', amount, memo);
    return account.account;
  }

  /** What a compromised issuer gives away (SET.md 9): every PAN and billing postcode it holds. */
  secrets(): { readonly pan: string; readonly billingPostcode: string }[] {
    return [...this.#byPan.values()].map((a) => ({ pan: a.pan, billingPostcode: a.billingPostcode }));
  }

  /** Per card account: limit, status and open holds (SET.md 7). */
  cards(): Record<string, CardView> {
    const entries = [...this.#byPan.values()].map((a) => [a.account, { limit: a.limit, status: a.status, holds: sumHolds(a) }] as const);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  #available(account: CardAccount): number {
    return account.limit + this.ledger.balance(account.account) - sumHolds(account);
  }

  #accountOf(holder: string): CardAccount {
    const account = [...this.#byPan.values()].find((a) => a.holder === holder);
    if (!account) throw new ArgumentError('holder', `no card account for ${holder}`);
    return account;
  }
}

function sumHolds(account: CardAccount): number {
  let sum = 0;
  for (const hold of account.holds.values()) sum += hold.amount;
  return sum;
}
