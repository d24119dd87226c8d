/**
 * The merchant's own records (SET.md sections 4.2, 5, 6, 8): its keys and certificates once
 * registered, each agreed order and what happened to it, and the books of freshness values
 * and outstanding requests.
 */
import type { Envelope } from '../../wire/blobs.ts';
import type { Amount, OrderDescription, TransID } from '../../wire/common.ts';
import type { PartyKey } from '../keys.ts';
import type { FreshnessBook, RequestBook } from '../values.ts';

export type MerchantPurchaseStatus = 'agreed' | 'initiated' | 'requested' | 'authorised' | 'declined';
export type MerchantRegistrationStatus = 'open' | 'issued' | `refused:${string}`;

export interface MerchantRegistration {
  readonly id: string;
  readonly ca: string;
  readonly lidEE: Uint8Array;
  status: MerchantRegistrationStatus;
  awaiting: 'Me-AqCInitRes' | 'CertRes' | null;
  challenge: Uint8Array;
  caCertS?: Uint8Array;
  caCertE?: Uint8Array;
  /** The key pairs this registration's CertReq certifies (made when it sends the CertReq). */
  keys?: MerchantKeys;
}

export interface MerchantKeys {
  readonly signature: PartyKey;
  readonly keyExchange: PartyKey;
}

/** What M learnt from an accepted PReq (SET.md 5.3). */
export interface AcceptedPReq {
  readonly rrpid: Uint8Array;
  readonly customer: string;
  readonly signed: boolean;
  readonly cardholderCertS?: Uint8Array;
  /** The cardholder as M names it: the certificate's subject, printed by its owner (SET.md 8). */
  readonly cardholder: string;
  readonly challC?: Uint8Array;
  readonly hod: Uint8Array;
  readonly piDataHash: Uint8Array;
  readonly oiDataHash: Uint8Array;
}

export interface Order {
  /** The scenario's purchase id; LID_M is its UTF-8 (docs/decisions.md D8). */
  readonly id: string;
  readonly lidM: Uint8Array;
  readonly od: OrderDescription;
  readonly purchAmt: Amount;
  status: MerchantPurchaseStatus;
  fulfilled: boolean;
  authAmt: Amount | null;
  captured: number;
  transID?: TransID;
  challC?: Uint8Array;
  challM?: Uint8Array;
  preq?: AcceptedPReq;
  authReqAmt?: Amount;
  capToken?: Envelope;
  /** A CapReq for it is out or done: an honest merchant captures once. */
  captureRequested: boolean;
  /** Whether M already sent PRes `authorised` (SET.md 12: M's running event is on the first). */
  sentAuthorised: boolean;
}

export type MerchantRequest =
  | { readonly kind: 'registration'; readonly id: string }
  | { readonly kind: 'authorisation'; readonly purchase: string }
  | { readonly kind: 'capture'; readonly purchases: readonly string[] };

export interface MerchantCertificates {
  readonly certS: Uint8Array;
  readonly certE: Uint8Array;
  readonly keys: MerchantKeys;
}

export interface MerchantRecords {
  readonly registrations: Map<string, MerchantRegistration>;
  readonly orders: Map<string, Order>;
  /** Orders with a TransID, by hex XID. */
  readonly byXid: Map<string, string>;
  readonly consumed: FreshnessBook;
  readonly requests: RequestBook<MerchantRequest>;
  certificates: MerchantCertificates | null;
  /** Key pairs made so far (one of each usage per CertReq). */
  keyGenerations: number;
  /** Every key-exchange private key it ever had: answers to an older registration's key still open. */
  readonly exchangeKeys: CryptoKey[];
}
