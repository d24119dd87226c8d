/**
 * The payment gateway's records (SET.md 5.5, 6.2; docs/decisions.md D9, D17, D20): consumed
 * RRPIDs, decided `(MerchantID, XID)` pairs, captured tokens, and its view: per purchase
 * (LID_C) and MerchantID, the decision, AuthAmt and the captured amount.
 */
import type { Amount, Certificate, Term } from '../../terms/index.ts';
import type { Environment } from '../environment.ts';
import type { IdSet } from '../id-set.ts';

export interface GatewayDecision {
  readonly decision: 'approved' | 'declined';
  readonly authAmt: number;
  readonly captured: number;
}

/** An AuthReq accepted and waiting for the issuer's answer (inside one delivery). */
export interface PendingAuthorisation {
  readonly from: string;
  readonly merchant: string;
  readonly merchantId: Term;
  readonly transId: Term;
  readonly xid: Term;
  readonly lidC: string;
  readonly rrpid: Term;
  readonly authReqAmt: Amount;
  readonly purchAmt: Amount;
  readonly merchantKeyExchange: Certificate;
  readonly pan: Term;
  readonly piHash: Term;
}

export interface GatewayState {
  readonly env: Environment;
  readonly name: string;
  /** RRPIDs of AuthReqs and CapReqs it took. */
  readonly consumed: IdSet;
  /** Ids of the `{MerchantID, XID}` tuples that reached a decision. */
  readonly decided: IdSet;
  readonly capturedTokens: IdSet;
  readonly pending?: PendingAuthorisation;
  readonly decisions: Readonly<Record<string, Readonly<Record<string, GatewayDecision>>>>;
}
