/**
 * The cardholder's own records (SET.md sections 4.1, 5, 8): its card and identity, its keys
 * and certificate once registered, one session per registration and per purchase, and its
 * book of outstanding requests. Handlers read these while checking and change them only once
 * a delivery is accepted.
 */
import type { Amount, OrderDescription, TransID } from '../../wire/common.ts';
import type { PartyKey } from '../keys.ts';
import type { RequestBook } from '../values.ts';

export interface Card {
  readonly pan: string;
  readonly cardExpiry: string;
}

export interface Identity {
  readonly name: string;
  readonly billingPostcode: string;
}

export type RegistrationStatus = 'open' | 'issued' | `refused:${string}`;

export interface CardholderRegistration {
  readonly id: string;
  /** The CCA's party name, where requests go. */
  readonly ca: string;
  readonly lidEE: Uint8Array;
  status: RegistrationStatus;
  /** The response this registration waits for next. */
  awaiting: 'CardCInitRes' | 'RegFormRes' | 'CertRes' | null;
  challenge: Uint8Array;
  caCertS?: Uint8Array;
  caCertE?: Uint8Array;
  caBackKey?: Uint8Array;
  cardSecret?: Uint8Array;
  /** The signature key this registration's CertReq certifies (made when it sends the CertReq). */
  key?: PartyKey;
}

export type CardholderPurchaseStatus = 'initiated' | 'requested' | 'pending' | 'authorised' | 'declined';

export interface CardholderPurchase {
  readonly id: string;
  readonly merchant: string;
  readonly lidC: Uint8Array;
  readonly lidM: Uint8Array;
  readonly od: OrderDescription;
  readonly purchAmt: Amount;
  readonly signed: boolean;
  readonly challC: Uint8Array;
  status: CardholderPurchaseStatus;
  /** From PInitRes (or, under no-challenges, from C's own set-up). */
  transID?: TransID;
  challM?: Uint8Array;
  merchantCertS?: Uint8Array;
  /** What the PReq carried, to compare the PRes with. */
  hod?: Uint8Array;
  odSalt?: Uint8Array;
  piDataHash?: Uint8Array;
  committed: boolean;
}

/** What an outstanding RRPID of the cardholder's was sent with. */
export type CardholderRequest =
  | { readonly kind: 'registration'; readonly id: string; readonly message: 'CardCInitReq' | 'RegFormReq' | 'CertReq' }
  | { readonly kind: 'purchase'; readonly id: string; readonly message: 'PInitReq' | 'PReq' | 'InqReq' };

/** Certificates a cardholder holds from earlier (no-challenges: no PInitRes brings them). */
export interface KnownMerchant {
  readonly merchantCertS: Uint8Array;
  readonly gatewayCertE: Uint8Array;
}

export interface CardholderRecords {
  readonly registrations: Map<string, CardholderRegistration>;
  readonly purchases: Map<string, CardholderPurchase>;
  readonly requests: RequestBook<CardholderRequest>;
  readonly knownMerchants: Map<string, KnownMerchant>;
  /** Set once a CertRes with `issued` is accepted: the certificate, its key, and the card secrets. */
  certificate: { readonly der: Uint8Array; readonly key: PartyKey; readonly cardSecret: Uint8Array; readonly cardCertNonce: Uint8Array; readonly panSecret: Uint8Array } | null;
  /** Signature key pairs made so far (one per CertReq). */
  keyGenerations: number;
}
