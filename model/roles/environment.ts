/**
 * What every role knows about the world it runs in, besides its own records (SET.md 1): the day
 * (one shared clock), the CRLs every CA publishes, the CA certificates of set-up, the protocol
 * profile (SET.md 10's variants), the currency of the ledger (docs/decisions.md D13), which
 * gateway each merchant uses, and the certificates of every party (public: certificates travel
 * in clear; a merchant's gateway certificate is its set-up configuration, D14; a cardholder
 * under no-challenges holds the merchant's and the gateway's from set-up, D12).
 *
 * One immutable value shared by every party's context; the world replaces it (an `environment`
 * event to every role) when the clock moves, a CRL grows or a certificate is issued.
 */
import type { Certificate } from '../terms/index.ts';
import type { Crl, Pki } from '../pki/index.ts';
import type { Profile } from '../variants/index.ts';

export interface PartyCertificates {
  readonly signature?: Certificate;
  readonly keyExchange?: Certificate;
}

export interface Environment {
  readonly day: number;
  readonly crl: Crl;
  readonly pki: Pki;
  readonly profile: Profile;
  readonly currency: string;
  /** Merchant name to the name of the gateway it uses. */
  readonly gatewayOf: Readonly<Record<string, string>>;
  /** Every party's current (latest issued) certificates. */
  readonly directory: Readonly<Record<string, PartyCertificates>>;
}
