/**
 * The merchant's records (SET.md 4.2, 5, 6; views per SET.md 8 and docs/decisions.md D21): its
 * account secret, registrations and certificates, the orders it agreed (by LID_M, which is the
 * purchase id, D8) and their purchase sessions, capture batches, and the freshness values it
 * consumed.
 */
import type { Amount, Certificate, Nonce, SecretData, Term } from '../../terms/index.ts';
import type { CaStatus } from '../../vocabulary/outcomes.ts';
import type { Environment } from '../environment.ts';
import type { IdSet } from '../id-set.ts';

export interface MerchantRegistration {
  readonly id: string;
  readonly status: 'open' | CaStatus;
  readonly awaiting: 'Me-AqCInitRes' | 'CertRes' | undefined;
  readonly rrpid: Nonce;
  readonly challenge: Nonce;
  readonly caSignature?: Certificate;
  readonly caKeyExchange?: Certificate;
  /** The key generation its CertReq carried. */
  readonly generation?: number;
}

export interface MerchantIdentity {
  readonly signature: Certificate;
  readonly keyExchange: Certificate;
  readonly generation: number;
}

export type MerchantPurchaseStatus = 'agreed' | 'initiated' | 'requested' | 'authorised' | 'declined';

/** The PReq M accepted for a purchase (SET.md 5.3), with what it commits to and answers with. */
export interface AcceptedPReq {
  readonly rrpid: Term;
  readonly form: 'signed' | 'unsigned';
  readonly certificate?: Certificate;
  /** The cardholder as M knows it: its certificate's subject (signed form). */
  readonly cardholder: Term;
  readonly hod: Term;
  readonly piHash: Term;
  readonly oiHash: Term;
  readonly challC?: Term;
  /** Where the PRes goes (the sender the network named). */
  readonly from: string;
}

export interface MerchantPurchase {
  readonly id: string;
  /** The cardholder the order was agreed with (step 4). */
  readonly cardholder: string;
  readonly od: SecretData;
  readonly purchAmt: Amount;
  readonly status: MerchantPurchaseStatus;
  readonly fulfilled: boolean;
  readonly authAmt: number | null;
  readonly captured: number;
  readonly lidC?: Term;
  readonly challC?: Term;
  readonly challM?: Term;
  readonly xid?: Term;
  readonly transId?: Term;
  readonly pReq?: AcceptedPReq;
  /** PReqs accepted so far (D12: under no-challenges each one restarts the session). */
  readonly requests: number;
  /** The outstanding or answered AuthReq. */
  readonly authReq?: { readonly rrpid: Term; readonly amount: Amount; readonly answered: boolean };
  readonly approval?: { readonly authAmt: Amount; readonly authCode: Term; readonly token: Term };
  readonly captureRequested: boolean;
  /** SET.md 5.7: M emits its running once, when it first sends `authorised`. */
  readonly sentAuthorised: boolean;
}

export interface CaptureBatch {
  readonly id: string;
  readonly rrpid: Term;
  readonly items: readonly { readonly purchase: string; readonly transId: Term; readonly amount: number }[];
  readonly answered: boolean;
}

export interface MerchantState {
  readonly env: Environment;
  readonly name: string;
  /** The MerchantSecret the acquirer handed over (SET.md 3). */
  readonly secret?: Term;
  /** Key-pair generations made (one of each usage per CertReq). */
  readonly keyPairs: number;
  readonly identity?: MerchantIdentity;
  readonly registrations: Readonly<Record<string, MerchantRegistration>>;
  readonly purchases: Readonly<Record<string, MerchantPurchase>>;
  /** RRPIDs of PInitReqs, PReqs and InqReqs it took (SET.md 8, D17). */
  readonly consumed: IdSet;
  /** XIDs that had an accepted PReq (D17). */
  readonly acceptedXids: IdSet;
  /** RRPIDs of the responses it accepted. */
  readonly answered: IdSet;
  readonly batches: Readonly<Record<string, CaptureBatch>>;
}
