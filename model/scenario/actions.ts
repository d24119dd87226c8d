/**
 * The scenario language (shared/ARCHITECTURE.md "The scenario language"; SET.md 8, 9): a scenario
 * is a list of actions, interpreted by `step` on the model and by the harness in properties/ on
 * the implementation. Both must give every action the same meaning; this file says it exactly.
 * Where it settles something SET.md and ARCHITECTURE.md leave open, docs/decisions.md (D23-D34)
 * records it for both sides.
 *
 * General rules.
 * - Honest parties react at once: an accepted delivery puts the party's answer on the network;
 *   calls to the issuer and acquirer (the private payment network) complete inside the action.
 * - Nothing reaches a party except through `deliver`. Every message put on the network is seen
 *   by the attacker (its knowledge grows by the message term).
 * - A *pending* message was put on the network and neither delivered nor dropped. `deliver`,
 *   `drop`, `redirect`, `tamper`, `substituteCertificate` and `swapOrderData` work on a pending
 *   message, in place (it keeps its reference); `duplicate` and `replay` copy any message ever
 *   put on the network, as a new message (next occurrence in the same session and kind).
 * - An action whose reference names no message, or no pending one where it needs one, is
 *   *skipped*: nothing changes, and the step records `skipped` with the reason (D22, D24).
 * - An honest action a party cannot take (a `capture` D20 refuses, a signed purchase by a
 *   cardholder without a certificate) is *refused*: nothing changes and nothing is sent.
 * - The attacker's own creations (fresh values, key pairs, purchases) are named `att-<n>`, n
 *   counting from 1 over the world, in the order the actions create them (SET.md 8, D27).
 * - A party the attacker plays (`dishonest` in the world's configuration) registers through its
 *   role machine (it wants real certificates) and the attacker holds every secret it has; in
 *   purchases and captures it sends only what `fake` builds, and deliveries of purchase or
 *   capture messages to it are skipped (D25).
 */
import type { KeyUsage } from '../terms/index.ts';
import type { MessageForm, MessageKind } from '../vocabulary/message-kinds.ts';
import type { MessageRef } from './message-ref.ts';

// ---- set-up ---------------------------------------------------------------------------------

/**
 * SET.md 7 step 1: the issuer opens cardholder `card`'s account: PAN `pan:<card>`, expiry
 * `YYYYMM`, credit limit in minor units, status `open`, form values (name = the cardholder id,
 * billing postcode). Moves no money. Skipped if the account exists.
 */
export interface OpenAccount { readonly type: 'openAccount'; readonly card: string; readonly limit: number; readonly expiry: string }

/** SET.md 3: the acquirer opens `merchant`'s account and hands it its MerchantSecret out of band. */
export interface OpenMerchantAccount { readonly type: 'openMerchantAccount'; readonly merchant: string }

/**
 * SET.md 4.1 / 4.2: cardholder or merchant `party` starts a registration, putting its first
 * message (CardCInitReq to CCA, Me-AqCInitReq to MCA) on the network; the rest (six messages for
 * a cardholder, four for a merchant) is delivered one by one. `registration` is its id (the
 * session of its messages; default `reg-<party>`, then `reg-<party>-2`, ...). Gateways are
 * certified at set-up only.
 */
export interface Register { readonly type: 'register'; readonly party: string; readonly registration?: string }

// ---- honest ------------------------------------------------------------------------------------

/** An order agreed at step 4 (SET.md 5.1): items; PurchAmt is the sum of quantity × unitPrice in the world's currency. */
export interface Order {
  readonly items: readonly { readonly description: string; readonly quantity: number; readonly unitPrice: number }[];
}

/**
 * SET.md 5.1: cardholder and merchant agree `order` under LID_M = `purchase` (D8), then the
 * cardholder sends PInitReq (under no-challenges, D12: the PReq at once). The purchase's OD is
 * the secret `od:<purchase>` (equal orders are the same secret, D34). If the cardholder is played by the attacker it sends nothing and
 * the attacker learns the order; if the merchant is, the attacker learns the order and the
 * merchant keeps no record. Skipped if the purchase id is in use; refused (nothing changes) if
 * an honest cardholder cannot start it (no account, or `signed` without a certificate).
 */
export interface StartPurchase {
  readonly type: 'startPurchase';
  readonly purchase: string;
  readonly cardholder: string;
  readonly merchant: string;
  readonly order: Order;
  readonly form: 'signed' | 'unsigned';
  /**
   * The LID_M a merchant the attacker plays gives the order (D8: it may give any; D34); ignored
   * for an honest merchant, whose LID_M is the purchase id.
   */
  readonly lidM?: string;
}

/** Deliver the pending message `ref` to its receiver (SET.md 8: one outcome per delivery). */
export interface Deliver { readonly type: 'deliver'; readonly ref: MessageRef }

/** SET.md 5.8: the purchase's merchant records fulfilment (refused unless approved and not yet fulfilled). */
export interface Fulfil { readonly type: 'fulfil'; readonly purchase: string }

/**
 * SET.md 6.1, D20: `merchant` sends one CapReq for these items (amounts in minor units) to its
 * gateway, in session `capture:<merchant>:<n>` (its n-th batch that was sent). Refused whole
 * when an item is not its own approved purchase, was captured or requested, or asks more than
 * its AuthAmt.
 */
export interface Capture { readonly type: 'capture'; readonly merchant: string; readonly items: readonly { readonly purchase: string; readonly amount: number }[] }

/** SET.md 5.9: the purchase's cardholder sends an InqReq (refused before its PReq). */
export interface Inquire { readonly type: 'inquire'; readonly purchase: string }

// ---- world -----------------------------------------------------------------------------------

/** SET.md 1: the shared clock moves forward `days` (a positive integer). */
export interface AdvanceClock { readonly type: 'advanceClock'; readonly days: number }

/** SET.md 1: every certificate certifying a key of `party` goes on its CA's CRL, counting from today. */
export interface Revoke { readonly type: 'revoke'; readonly party: string }

/** SET.md 7: the issuer blocks cardholder `card`'s account. */
export interface Block { readonly type: 'block'; readonly card: string }

// ---- adversarial (SET.md 9) ------------------------------------------------------------------

/** The pending message `ref` is never delivered (the attacker keeps a copy). */
export interface Drop { readonly type: 'drop'; readonly ref: MessageRef }

/** A second copy of message `ref` (any status), to the same receiver. */
export interface Duplicate { readonly type: 'duplicate'; readonly ref: MessageRef }

/** A copy of message `ref` (any status, typically delivered), to `to` (a SET party; default: its receiver). */
export interface Replay { readonly type: 'replay'; readonly ref: MessageRef; readonly to?: string }

/**
 * The pending PReq of purchase `purchase` (its latest one) gets the OI of purchase `from`'s
 * latest PReq (any status); its PI stays (ARCHITECTURE.md: swapOrderData(a, b) replaces a's OI
 * by b's). Skipped if either PReq is missing.
 */
export interface SwapOrderData { readonly type: 'swapOrderData'; readonly purchase: string; readonly from: string }

/**
 * Change one field of the pending message `ref` in place (D26). `field` is one of its kind's
 * fixed field list (`fieldsOf(kind, form)`: SET.md's field names, qualified by the structure
 * they stand in, `OIData.XID`, `Items[2].CapReqAmt`). If the field lies inside an envelope the
 * attacker cannot open (its private or symmetric key is not derivable), the innermost such
 * ciphertext is corrupted: its plaintext becomes a junk value `att-<n>` (impl: the ciphertext's
 * bytes change), so the receiver that opens it finds it `malformed`. Otherwise the attacker
 * re-encodes the message with the field's value replaced by the same field of the most recent
 * other message of the same kind on the network whose field it can read and whose value
 * differs, or else by a fresh value of its own of the field's type (D26). Signatures over the
 * field are left as they were. Skipped if the message is not pending or has no such field.
 */
export interface Tamper { readonly type: 'tamper'; readonly ref: MessageRef; readonly field: string }

/** Give the pending message `ref` another receiver (a SET party). */
export interface Redirect { readonly type: 'redirect'; readonly ref: MessageRef; readonly to: string }

/**
 * What `substituteCertificate` puts in place of a certificate C (subject S, key K, type T, usage
 * U, validity f..l, issuer I), D28:
 * - `forged`: S, T, U, f..l, I as C, but certifying the attacker's new key `att-<n>` of usage U
 *   and signed with the attacker's `att-<n>` signature key (fails `bad-chain-signature`);
 * - `expired`: C issued by I with its real key, valid up to yesterday (`expired`);
 * - `revoked`: C issued by I with its real key, a new serial, on I's CRL from today (`revoked`);
 * - `wrongUsage`: C with the other key usage, issued by I (`wrong-usage`);
 * - `wrongType`: C with another type (cardholder ↔ merchant, gateway → merchant, cca ↔ mca,
 *   pca → mca, brand ↔ root), issued by I (`wrong-type`);
 * - `otherParty`: the current certificate of the same type and usage of another party (the first
 *   by name), genuine and valid (the checks after path validation catch it).
 */
export type CertificateSubstitute = 'forged' | 'expired' | 'revoked' | 'wrongUsage' | 'wrongType' | 'otherParty';

/**
 * Replace a certificate of the pending message `ref` in place. `certificate` names the field
 * (`CertS(M)`, `CertE(P)`, ...; default: the message's first certificate field). Skipped if the
 * field is absent or sealed in an envelope, or (`otherParty`) no other party has one.
 */
export interface SubstituteCertificate {
  readonly type: 'substituteCertificate';
  readonly ref: MessageRef;
  readonly substitute: CertificateSubstitute;
  readonly certificate?: string;
}

/** A value the attacker writes into a field of a faked message (D29). Each must be derivable for the fake to happen. */
export type FakeValue =
  /** A fresh value of its own of the field's type, `att-<n>`. */
  | { readonly fresh: true }
  /** The value of `field` (default: the same field name) in message `ref`, as the attacker reads it there. */
  | { readonly copy: MessageRef; readonly field?: string }
  | { readonly agent: string }
  | { readonly text: string }
  /** Minor units in the world's currency. */
  | { readonly amount: number }
  | { readonly int: number }
  /** That party's current certificate of that usage. */
  | { readonly certificate: string; readonly usage: KeyUsage }
  /** That party's current public key of that usage. */
  | { readonly publicKey: string; readonly usage: KeyUsage }
  /** A secret by its observation name (`pan:C2`, `cardSecret:C2`, `panSecret:C2`, `od:p1`), or `expiry:<card>` / `odSalt:<purchase>`. */
  | { readonly secret: string }
  /** `H(v)` of another value (a hash the attacker computes, such as H(OIData) from an OIData it read). */
  | { readonly hashOf: FakeValue };

/**
 * SET.md 9 `fake`: the attacker builds a message of `kind` (in `form`; default the kind's first)
 * from the kind's template (D29) and puts it on the network to `to`, claiming to come from `as`
 * (default: the attacker itself; answers go there). Each field takes, in order of preference:
 * its value in `fields`; the same field of message `template`, if given and readable; its
 * derivation (a hash, HMAC or signature the template defines, made with the key slots); a
 * fresh `att-<n>` value for nonce, text and envelope-key fields. Key slots (`signer`,
 * `cardholder`, `requester`: signature keys; `recipient`, `gateway`, `self`: key-exchange keys)
 * name parties in `keys`; defaults: signer slots `as`, `recipient` `to`, `gateway` and `self`
 * the gateway of `to` (or the first gateway). The message belongs to `session` (default: a new
 * attacker purchase `att-<n>`). Skipped when a field has no value or the attacker cannot derive
 * the message.
 */
export interface Fake {
  readonly type: 'fake';
  readonly kind: MessageKind;
  readonly form?: MessageForm;
  readonly to: string;
  readonly as?: string;
  readonly session?: string;
  readonly template?: MessageRef;
  readonly fields?: Readonly<Record<string, FakeValue>>;
  readonly keys?: Readonly<Record<string, string>>;
}

/** SET.md 9: the attacker gets every key and secret `party` holds or can compute, now and from now on. */
export interface Compromise { readonly type: 'compromise'; readonly party: string }

export type SetUpAction = OpenAccount | OpenMerchantAccount | Register;
export type HonestAction = StartPurchase | Deliver | Fulfil | Capture | Inquire;
export type WorldAction = AdvanceClock | Revoke | Block;
export type AdversarialAction = Drop | Duplicate | Replay | SwapOrderData | Tamper | Redirect | SubstituteCertificate | Fake | Compromise;
export type Action = SetUpAction | HonestAction | WorldAction | AdversarialAction;
export type ActionType = Action['type'];

export const SET_UP_ACTION_TYPES = ['openAccount', 'openMerchantAccount', 'register'] as const;
export const HONEST_ACTION_TYPES = ['startPurchase', 'deliver', 'fulfil', 'capture', 'inquire'] as const;
export const WORLD_ACTION_TYPES = ['advanceClock', 'revoke', 'block'] as const;
export const ADVERSARIAL_ACTION_TYPES = [
  'drop', 'duplicate', 'replay', 'swapOrderData', 'tamper', 'redirect', 'substituteCertificate', 'fake', 'compromise',
] as const;
export const ACTION_TYPES: readonly ActionType[] = [...SET_UP_ACTION_TYPES, ...HONEST_ACTION_TYPES, ...WORLD_ACTION_TYPES, ...ADVERSARIAL_ACTION_TYPES];

export function isAdversarial(action: Action): action is AdversarialAction {
  return (ADVERSARIAL_ACTION_TYPES as readonly string[]).includes(action.type);
}

/** The amount of an order: Σ quantity × unitPrice. */
export function orderAmount(order: Order): number {
  return order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}

export type { MessageKind, MessageRef };
