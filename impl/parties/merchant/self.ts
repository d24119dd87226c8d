/** What the merchant's handlers see of the merchant (the class in merchant.ts). */
import type { PartyEnvironment } from '../environment.ts';
import type { KeySource } from '../keys.ts';
import type { MerchantRecords } from './state.ts';

/** The gateway a merchant works with (its acquirer's), as configured at set-up. */
export interface MerchantGateway {
  readonly name: string;
  readonly certE: Uint8Array;
}

export interface MerchantSelf {
  /** Its MerchantID: the subject CN of its certificates (SET.md 1, profile). */
  readonly name: string;
  readonly env: PartyEnvironment;
  /** From the acquirer (out of band), or one of its own when it has no account (D33). */
  readonly merchantSecret: Uint8Array;
  readonly acquirerBin: string;
  readonly identity: { readonly name: string; readonly billingPostcode: string };
  /** New key pairs, one of each usage per registration (D35). */
  readonly keys: KeySource;
  readonly gateway: MerchantGateway;
  readonly records: MerchantRecords;
}
