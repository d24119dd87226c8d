/**
 * The double-entry books of SET.md section 7: integer minor units, every balance starts at 0,
 * and every movement is a transfer between two accounts, so the balances always sum to 0.
 * Accounts: `card:<cardholder>`, `issuer`, `clearing`, `acquirer`, `merchant:<MerchantID>`
 * (SET.md 8: a card account is printed by its cardholder's id, never its PAN).
 */
import { assertSafeInteger, assertString } from '../assert.ts';

export interface Transfer {
  readonly from: string;
  readonly to: string;
  readonly amount: number;
  /** Why it moved ("capture p1 by M1"). */
  readonly memo: string;
}

export class Ledger {
  #balances = new Map<string, number>();
  #transfers: Transfer[] = [];
  #listeners: ((transfer: Transfer) => void)[] = [];

  /** Makes an account exist (balance 0) so views list it before money moves. */
  open(account: string): void {
    assertString(account, 'account', /^[a-z]+(:.+)?$/);
    if (!this.#balances.has(account)) this.#balances.set(account, 0);
  }

  transfer(from: string, to: string, amount: number, memo: string): Transfer {
    assertSafeInteger(amount, 'amount', 1);
    for (const account of [from, to]) this.open(account);
    this.#balances.set(from, this.#balances.get(from)! - amount);
    this.#balances.set(to, this.#balances.get(to)! + amount);
    const transfer = { from, to, amount, memo };
    this.#transfers.push(transfer);
    for (const listener of this.#listeners) listener(transfer);
    return transfer;
  }

  balance(account: string): number {
    return this.#balances.get(account) ?? 0;
  }

  /** Every account's balance, sorted by name. */
  balances(): Record<string, number> {
    return Object.fromEntries([...this.#balances].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  get transfers(): readonly Transfer[] {
    return this.#transfers;
  }

  /** The sum of all balances: 0 at every moment, or the books are broken. */
  total(): number {
    let sum = 0;
    for (const balance of this.#balances.values()) sum += balance;
    return sum;
  }

  onTransfer(listener: (transfer: Transfer) => void): void {
    this.#listeners.push(listener);
  }
}
