/**
 * The private payment network behind the gateways (SET.md sections 6.3 and 7): one ledger,
 * the issuer and the acquirer. Clearing a captured item of amount a is exactly four
 * transfers: card -> issuer (posted by the issuer, which releases the hold), issuer ->
 * clearing, clearing -> acquirer, acquirer -> merchant.
 */
import { Acquirer } from './acquirer.ts';
import { Issuer, type CardView } from './issuer.ts';
import { Ledger } from './ledger.ts';

/** What both sides show of the books (SET.md 7): every balance, and per card limit, status, holds. */
export interface LedgerView {
  readonly balances: Readonly<Record<string, number>>;
  readonly cards: Readonly<Record<string, CardView>>;
}

export class PaymentNetwork {
  readonly ledger = new Ledger();
  readonly issuer: Issuer;
  readonly acquirer: Acquirer;

  constructor(options: { acquirerBin: string; freshSecret: () => Uint8Array }) {
    this.issuer = new Issuer(this.ledger);
    this.acquirer = new Acquirer(this.ledger, options.acquirerBin, options.freshSecret);
  }

  /** SET.md 6.3; false (and nothing moves) when the hold is unknown or already released. */
  clear(item: { holdRef: string; amount: number; merchantId: string; memo: string }): boolean {
    const card = this.issuer.postCapture(item.holdRef, item.amount, item.memo);
    if (card === null) return false;
    // A capture of 0 only releases the hold: a transfer moves at least one minor unit.
    if (item.amount === 0) return true;
    this.ledger.transfer('issuer', 'clearing', item.amount, item.memo);
    this.ledger.transfer('clearing', 'acquirer', item.amount, item.memo);
    this.ledger.transfer('acquirer', `merchant:${item.merchantId}`, item.amount, item.memo);
    return true;
  }

  view(): LedgerView {
    return { balances: this.ledger.balances(), cards: this.issuer.cards() };
  }
}
