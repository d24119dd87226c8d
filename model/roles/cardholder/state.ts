/**
 * The cardholder's records (SET.md 4.1, 5; views per SET.md 8): its card, its registrations and
 * the certificate they gave it, its purchases, and the RRPIDs of the responses it accepted.
 */
import type { Amount, Certificate, Nonce, PanSecret, SecretData, SymKey, Term } from '../../terms/index.ts';
import type { CaStatus, CompletionCode } from '../../vocabulary/outcomes.ts';
import type { Environment } from '../environment.ts';
import type { IdSet } from '../id-set.ts';
import type { CardData } from '../private-events.ts';

export type RegistrationStatus = 'open' | CaStatus;

/** One run of SET.md 4.1. `awaiting` is the response it waits for, answering `rrpid`. */
export interface CardholderRegistration {
  readonly id: string;
  readonly status: RegistrationStatus;
  readonly awaiting: 'CardCInitRes' | 'RegFormRes' | 'CertRes' | undefined;
  readonly rrpid: Nonce;
  /** The Chall_EE, Chall_EE2 or Chall_EE3 the awaited response must echo. */
  readonly challenge: Nonce;
  readonly caSignature?: Certificate;
  readonly caKeyExchange?: Certificate;
  /** Set when the CertReq is sent. */
  readonly request?: { readonly generation: number; readonly cardSecret: Nonce; readonly caBackKey: SymKey };
}

/** The certificate a registration gave, and the secrets behind its UniqueCardholderID (SET.md 1). */
export interface CardholderIdentity {
  readonly certificate: Certificate;
  readonly generation: number;
  readonly cardSecret: Nonce;
  readonly cardCertNonce: Term;
  readonly panSecret: PanSecret;
}

export type CardholderPurchaseStatus = 'initiated' | 'requested' | CompletionCode;

/** One run of SET.md 5 as the cardholder sees it. */
export interface CardholderPurchase {
  readonly id: string;
  /** The merchant's name for the order (D8: the purchase id; D34: a merchant the attacker plays may name it otherwise). */
  readonly lidM: string;
  readonly merchant: string;
  readonly od: SecretData;
  readonly purchAmt: Amount;
  readonly form: 'signed' | 'unsigned';
  readonly status: CardholderPurchaseStatus;
  /** Requests sent and not yet answered by an accepted response, with their kind. */
  readonly outstanding: readonly { readonly rrpid: Term; readonly kind: 'PInitReq' | 'PReq' | 'InqReq' }[];
  readonly challC?: Nonce;
  readonly transId?: Term;
  /** The PInitRes signer's CertS(M) (D12, no-challenges: the one from set-up); every PRes must carry this one (D31). */
  readonly merchantCertificate?: Certificate;
  /** Sent with the PReq. */
  readonly sent?: {
    readonly hod: Term;
    readonly piHash: Term;
    readonly odSalt: Nonce;
    readonly certificate?: Certificate;
  };
  readonly inquiries: number;
  /** SET.md 5.7: C commits once per purchase. */
  readonly committed: boolean;
}

export interface CardholderState {
  readonly env: Environment;
  readonly name: string;
  readonly card?: CardData;
  readonly identity?: CardholderIdentity;
  /** Signature key pairs made so far (one per CertReq). */
  readonly keyPairs: number;
  readonly registrations: Readonly<Record<string, CardholderRegistration>>;
  readonly purchases: Readonly<Record<string, CardholderPurchase>>;
  /** RRPIDs of the responses it accepted (SET.md 8: `replay` when one comes again, D17). */
  readonly answered: IdSet;
}
