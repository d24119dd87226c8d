/** The network (SET.md 9: the attacker's medium): finding messages by reference (docs/decisions.md D22). */
import type { MessageKind } from '../vocabulary/message-kinds.ts';
import type { MessageRef } from '../scenario/message-ref.ts';
import type { NetworkMessage } from './world.ts';

export function sameRef(a: MessageRef, b: MessageRef): boolean {
  return a.session === b.session && a.kind === b.kind && a.occurrence === b.occurrence;
}

export function findMessage(network: readonly NetworkMessage[], ref: MessageRef): NetworkMessage | undefined {
  for (const message of network) if (sameRef(message.ref, ref)) return message;
  return undefined;
}

/** The latest message of a kind in a session, optionally only pending ones. */
export function latestInSession(network: readonly NetworkMessage[], session: string, kind: MessageKind, pendingOnly: boolean): NetworkMessage | undefined {
  for (let i = network.length - 1; i >= 0; i--) {
    const m = network[i]!;
    if (m.ref.session === session && m.kind === kind && (!pendingOnly || m.status === 'pending')) return m;
  }
  return undefined;
}

export function pendingMessages(network: readonly NetworkMessage[]): NetworkMessage[] {
  return network.filter((m) => m.status === 'pending');
}
