/**
 * The world (shared/ARCHITECTURE.md): every party's role-machine snapshot, the messages on the
 * network, the attacker's knowledge, the event log, and the shared environment (SET.md 1: clock,
 * CRLs). Immutable: `step` returns a new world and never changes the one it was given.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Amount, SecretData, Term } from '../terms/index.ts';
import type { Knowledge } from '../knowledge/index.ts';
import type { Environment, LogEvent } from '../roles/index.ts';
import type { PartyRole } from '../vocabulary/agents.ts';
import type { MessageForm, MessageKind } from '../vocabulary/message-kinds.ts';
import type { CaptureCode, Outcome } from '../vocabulary/outcomes.ts';
import type { CertificateSubstitute } from '../scenario/actions.ts';
import type { MessageRef } from '../scenario/message-ref.ts';
import type { ResolvedConfig } from './config.ts';

export interface Party {
  readonly name: string;
  readonly role: PartyRole;
  readonly snapshot: AnyMachineSnapshot;
}

/** How the attacker changed a message in place (for the integrity goal and for reports). */
export type Alteration =
  | { readonly by: 'tamper'; readonly field: string; readonly sealed: boolean }
  | { readonly by: 'substituteCertificate'; readonly field: string; readonly substitute: CertificateSubstitute }
  | { readonly by: 'swapOrderData'; readonly from: string };

export interface NetworkMessage {
  /** Creation order over the world. */
  readonly seq: number;
  readonly ref: MessageRef;
  readonly kind: MessageKind;
  readonly form: MessageForm;
  /** The sender the network names (answers go there). */
  readonly from: string;
  readonly to: string;
  readonly term: Term;
  readonly status: 'pending' | 'delivered' | 'dropped';
  readonly origin: 'sent' | 'duplicated' | 'replayed' | 'faked';
  readonly alterations: readonly Alteration[];
}

/** A purchase started by `startPurchase` (the scenario's record, for views and goals). */
export interface PurchaseRecord {
  readonly id: string;
  readonly cardholder: string;
  readonly merchant: string;
  readonly od: SecretData;
  readonly purchAmt: Amount;
  readonly form: 'signed' | 'unsigned';
}

/** The world's own log events, beside the roles' (SET.md 8 deliveries; SET.md 9 attacker actions). */
export type WorldEvent =
  | {
      readonly type: 'delivery'; readonly ref: MessageRef; readonly kind: MessageKind; readonly receiver: string; readonly outcome: Outcome;
      readonly rule?: string; readonly alterations: readonly Alteration[]; readonly changed: boolean;
    }
  | { readonly type: 'compromised'; readonly party: string }
  | { readonly type: 'revoked'; readonly party: string; readonly certificates: readonly Term[] };

export type LogEntry = LogEvent | WorldEvent;

/** What the last action did (not part of the observation, D21; the harness compares `skipped`). */
export type ActionResult =
  | { readonly kind: 'initial' }
  | { readonly kind: 'done' }
  | {
      readonly kind: 'delivered'; readonly receiver: string; readonly ref: MessageRef; readonly outcome: Outcome;
      readonly items?: readonly CaptureCode[]; readonly rule?: string; readonly detail?: string;
    }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface World {
  readonly config: ResolvedConfig;
  readonly env: Environment;
  readonly parties: Readonly<Record<string, Party>>;
  readonly network: readonly NetworkMessage[];
  readonly knowledge: Knowledge;
  /**
   * The ids of every term the attacker was given (messages it saw, secrets handed over, its own
   * fresh values), sorted: its knowledge is exactly their analysis closure, so the world key
   * uses this short list instead of the closure's facts.
   */
  readonly learned: readonly number[];
  readonly log: readonly LogEntry[];
  /** Parties whose secrets the attacker holds (sorted). */
  readonly compromised: readonly string[];
  /** How many `att-<n>` names the attacker has used. */
  readonly attackerNames: number;
  readonly purchases: Readonly<Record<string, PurchaseRecord>>;
  /** Per merchant, how many capture batches it sent. */
  readonly captureBatches: Readonly<Record<string, number>>;
  readonly last: ActionResult;
}
