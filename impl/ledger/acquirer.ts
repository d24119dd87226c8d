/**
 * The acquirer A (SET.md sections 1, 4.2, 7; seed steps 3, 11): the merchant's bank. Not a
 * SET party: the MCA and the gateways call it directly. It opens merchant accounts, handing
 * the merchant its MerchantSecret out of band, and confirms that secret for the MCA.
 */
import { assertString } from '../assert.ts';
import { bytesEqual } from '../crypto/digest.ts';
import { ArgumentError } from '../errors.ts';
import type { Ledger } from './ledger.ts';

export class Acquirer {
  #secrets = new Map<string, Uint8Array>();

  constructor(
    readonly ledger: Ledger,
    /** The acquirer's id, SET's AcquirerBIN. */
    readonly bin: string,
    /** Fresh MerchantSecrets (20 octets, SET.md 3). */
    private readonly freshSecret: () => Uint8Array,
  ) {
    ledger.open('acquirer');
    ledger.open('clearing');
  }

  /** SET.md `openMerchantAccount(merchant)`: returns the MerchantSecret to hand to the merchant. */
  openMerchantAccount(merchantId: string): Uint8Array {
    assertString(merchantId, 'merchantId', /^.{1,64}$/u);
    if (this.#secrets.has(merchantId)) throw new ArgumentError('merchantId', `${merchantId} already has an account`);
    const secret = this.freshSecret();
    this.#secrets.set(merchantId, secret);
    this.ledger.open(`merchant:${merchantId}`);
    return secret;
  }

  /** SET.md 4.2 step 3: does `secret` prove an open account of `merchantId`? */
  confirmMerchant(merchantId: string, secret: Uint8Array): boolean {
    const known = this.#secrets.get(merchantId);
    return known !== undefined && bytesEqual(known, secret);
  }

  /** What a compromised acquirer gives away (SET.md 9): every MerchantSecret. */
  secrets(): Uint8Array[] {
    return [...this.#secrets.values()];
  }

  hasAccount(merchantId: string): boolean {
    return this.#secrets.has(merchantId);
  }
}
