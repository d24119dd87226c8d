/**
 * What a role's accepted transition produces (SET.md 8: a rejection produces nothing): messages
 * it puts on the network, calls over the private payment network to the issuer, the acquirer or
 * back to a CA or gateway (SET.md 1: direct calls the attacker cannot see), and events for the
 * world's log: the `running` / `commit` events of SET.md 12 with exactly its agreed values, money
 * movements (SET.md 7) and the facts the goals of SET.md 12 read.
 */
import type { Certificate, Term } from '../terms/index.ts';
import type { AgreementGoalName } from '../vocabulary/goal-names.ts';
import type { MessageForm, MessageKind } from '../vocabulary/message-kinds.ts';
import type { CaptureCode, CaStatus, DeclineReason } from '../vocabulary/outcomes.ts';
import type { PrivateEvent } from './private-events.ts';

export type Output =
  | { readonly type: 'send'; readonly kind: MessageKind; readonly form: MessageForm; readonly to: string; readonly term: Term }
  | { readonly type: 'call'; readonly to: string; readonly event: PrivateEvent }
  | { readonly type: 'log'; readonly event: LogEvent };

/** Which form of the protocol an agreement event belongs to (SET.md 12: cardholder goals only for the signed form). */
export type PurchaseForm = 'signed' | 'unsigned';

export type LogEvent =
  /** SET.md 12: the peer runs the protocol with these values. `values` is a tuple term of the goal's agreed values. */
  | { readonly type: 'running'; readonly goal: AgreementGoalName; readonly by: string; readonly values: Term; readonly form: PurchaseForm }
  /** SET.md 12: the committing party accepted these values. `peer` is whom it believes it talks to (an agent or a cardholder certificate's subject). */
  | { readonly type: 'commit'; readonly goal: AgreementGoalName; readonly by: string; readonly peer: Term; readonly values: Term; readonly form: PurchaseForm }
  /** C sent a PI for a purchase with merchant `merchant` (no-redirection). */
  | { readonly type: 'payment-instruction'; readonly cardholder: string; readonly purchase: string; readonly merchant: string; readonly piHash: Term; readonly od: Term; readonly odSalt: Term; readonly pan: Term }
  /** P's decision on `(MerchantID, XID)` (SET.md 5.5), with what it read in the PI. */
  | {
      readonly type: 'decision'; readonly gateway: string; readonly merchant: string; readonly xid: Term; readonly lidC: string;
      readonly decision: 'approved' | 'declined'; readonly reason?: DeclineReason; readonly authAmt: number; readonly purchAmt: number;
      readonly pan: Term; readonly piHash: Term; readonly tokenId?: Term; readonly holdRef?: Term;
    }
  /** The issuer put a hold (SET.md 7). */
  | { readonly type: 'hold'; readonly card: string; readonly holdRef: Term; readonly amount: number }
  /** The issuer released a hold, whole (SET.md 6.3). */
  | { readonly type: 'release'; readonly card: string; readonly holdRef: Term; readonly amount: number }
  /** One double-entry transfer (SET.md 7). */
  | { readonly type: 'transfer'; readonly from: string; readonly to: string; readonly amount: number }
  /** One CapReq item at P (SET.md 6.2). `paidTo` is the CapReq's signer, `authorisedFor` the token's merchant. */
  | {
      readonly type: 'capture-item'; readonly gateway: string; readonly code: CaptureCode; readonly tokenId?: Term;
      readonly paidTo: string; readonly authorisedFor?: string; readonly xid?: Term; readonly amount: number; readonly authAmt?: number;
    }
  /** M fulfilled a purchase (SET.md 5.8), on its record of an approval of `approvedFor` for `xid`. */
  | { readonly type: 'fulfil'; readonly merchant: string; readonly purchase: string; readonly xid: Term; readonly approvedFor: string }
  /** A CA issued a certificate; for a cardholder certificate, the account data the CertReq presented. */
  | {
      readonly type: 'certificate-issued'; readonly ca: string; readonly certificate: Certificate; readonly owner: string;
      readonly confirmedByIssuer: boolean; readonly account?: { readonly pan: Term; readonly expiry: Term; readonly values: Term };
      /** A cardholder certificate's PANSecret (SET.md 1), which exists from now on (docs/decisions.md D21). */
      readonly panSecret?: Term;
    }
  /** A CA answered a CertReq (the registration view). */
  | { readonly type: 'registration-answered'; readonly ca: string; readonly status: CaStatus }
  /** An honest party accepted a delivery relying on this certificate (certificate-binding). */
  | { readonly type: 'certificate-relied-on'; readonly party: string; readonly certificate: Certificate; readonly day: number };

