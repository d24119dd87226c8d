/**
 * Events over the private payment network (SET.md 1: "P and the CAs reach them over the private
 * payment network (direct calls in both readings), which the attacker cannot see or touch"), and
 * the world's own events to a role: set-up and honest actions, and the environment.
 */
import type { Amount, Pan, SecretData, Term, Text } from '../terms/index.ts';
import type { DeclineReason } from '../vocabulary/outcomes.ts';
import type { Environment } from './environment.ts';

export type PrivateEvent =
  // issuer (SET.md 5.5, 4.1 step 5, 6.3, 7)
  | { readonly type: 'authorise'; readonly replyTo: string; readonly pan: Term; readonly expiry: Term; readonly amount: Amount; readonly merchant: string; readonly xid: Term }
  | { readonly type: 'confirmIdentity'; readonly replyTo: string; readonly pan: Term; readonly expiry: Term; readonly values: Term }
  | { readonly type: 'clear'; readonly holdRef: Term; readonly amount: number; readonly merchant: string }
  // acquirer (SET.md 4.2 step 3, 6.3)
  | { readonly type: 'confirmMerchant'; readonly replyTo: string; readonly merchantId: Term; readonly secret: Term }
  | { readonly type: 'settle'; readonly merchant: string; readonly amount: number }
  // answers
  | { readonly type: 'authorisationAnswer'; readonly approved: true; readonly authCode: Term; readonly holdRef: Term }
  | { readonly type: 'authorisationAnswer'; readonly approved: false; readonly reason: DeclineReason }
  | { readonly type: 'identityAnswer'; readonly answer: 'confirmed' | 'identity' | 'unknown-account'; readonly owner?: string };

/** The card data the issuer hands its cardholder when it opens the account (SET.md 7 step 1). */
export interface CardData {
  readonly pan: Pan;
  readonly expiry: Text;
  /** The form values the account was opened with (docs/decisions.md D19: name, billing postcode). */
  readonly name: Text;
  readonly postcode: SecretData;
}

export type WorldEvent =
  | { readonly type: 'environment'; readonly env: Environment }
  | { readonly type: 'openAccount'; readonly cardholder: string; readonly card: CardData; readonly limit: number }
  | { readonly type: 'block'; readonly cardholder: string }
  | { readonly type: 'openMerchantAccount'; readonly merchant: string; readonly secret: Term }
  | { readonly type: 'cardIssued'; readonly card: CardData }
  | { readonly type: 'merchantSecret'; readonly secret: Term }
  | { readonly type: 'register'; readonly registration: string }
  | {
      readonly type: 'startPurchase'; readonly purchase: string; readonly merchant: string; readonly od: SecretData; readonly purchAmt: Amount;
      readonly form: 'signed' | 'unsigned'; readonly lidM?: string;
    }
  | { readonly type: 'agree'; readonly purchase: string; readonly cardholder: string; readonly od: SecretData; readonly purchAmt: Amount }
  | { readonly type: 'inquire'; readonly purchase: string }
  | { readonly type: 'fulfil'; readonly purchase: string }
  | { readonly type: 'capture'; readonly batch: string; readonly items: readonly { readonly purchase: string; readonly amount: number }[] };
