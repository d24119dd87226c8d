/**
 * The implementation's network as the harness keeps it (docs/decisions.md D22, D24): every
 * message put on it with its reference `{session, kind, occurrence}`, its claimed sender, its
 * receiver, its bytes and whether it is pending, delivered or dropped.
 */
import type { MessageKind, MessageRef } from '../../model/index.ts';

/** How the attacker changed a message in place (the model's `Alteration`), for the integrity goal. */
export type ImplAlteration =
  | { readonly by: 'tamper'; readonly field: string; readonly sealed: boolean }
  | { readonly by: 'substituteCertificate'; readonly field: string; readonly substitute: string }
  | { readonly by: 'swapOrderData'; readonly from: string };

export interface ImplMessage {
  readonly seq: number;
  readonly ref: MessageRef;
  readonly from: string;
  to: string;
  bytes: Uint8Array;
  status: 'pending' | 'delivered' | 'dropped';
  readonly origin: 'sent' | 'duplicated' | 'replayed' | 'faked';
  alterations: ImplAlteration[];
  /** The model's form of the message (its field list, D26). */
  form?: string;
}

export class ImplNetwork {
  readonly messages: ImplMessage[] = [];

  /** Puts a message on the network as the next occurrence of its kind in `session`. */
  put(session: string, kind: MessageKind, message: { from: string; to: string; bytes: Uint8Array; alterations?: ImplAlteration[] }, origin: ImplMessage['origin']): ImplMessage {
    const occurrence = this.messages.filter((m) => m.ref.session === session && m.ref.kind === kind).length + 1;
    const entry: ImplMessage = { seq: this.messages.length + 1, ref: { session, kind, occurrence }, alterations: [], ...message, status: 'pending', origin };
    this.messages.push(entry);
    return entry;
  }

  find(ref: MessageRef): ImplMessage | undefined {
    return this.messages.find((m) => m.ref.session === ref.session && m.ref.kind === ref.kind && m.ref.occurrence === ref.occurrence);
  }

  /** The latest message of `kind` in `session`, pending only if asked (swapOrderData, D24). */
  latest(session: string, kind: MessageKind, pendingOnly: boolean): ImplMessage | undefined {
    return [...this.messages].reverse().find((m) => m.ref.session === session && m.ref.kind === kind && (!pendingOnly || m.status === 'pending'));
  }
}
