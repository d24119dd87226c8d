/**
 * Message references (docs/decisions.md D22): `{ session, kind, occurrence }`. `session` is the
 * purchase or registration id the message belongs to (a message sent in reaction to a delivery
 * belongs to the delivered message's session; the first message of `startPurchase(p)` or
 * `register(r)` to p or r; a CapReq to `capture:<merchant>:<n>`, the merchant's n-th capture
 * batch that was sent; a faked message to the session its action names). `kind` is the SET
 * message name; `occurrence` counts from 1 the messages of that kind in that session in the
 * order they were put on the network (sent, replayed, duplicated or faked). A reference stays
 * valid when a shrink removes unrelated actions.
 */
import type { MessageKind } from '../vocabulary/message-kinds.ts';

export interface MessageRef {
  readonly session: string;
  readonly kind: MessageKind;
  readonly occurrence: number;
}

export function messageRef(session: string, kind: MessageKind, occurrence = 1): MessageRef {
  return { session, kind, occurrence };
}

/** `p1/PReq#1`. */
export function formatRef(ref: MessageRef): string {
  return `${ref.session}/${ref.kind}#${ref.occurrence}`;
}

/** The session of the n-th capture batch a merchant sent (D22). */
export function captureSession(merchant: string, n: number): string {
  return `capture:${merchant}:${n}`;
}
