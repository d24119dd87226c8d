/**
 * What a receiver would answer, asked without building the world (SET.md 8): the role's own
 * reaction (model/roles `ROLE_MODULES[role].react`, the very function its machine's guards call)
 * to the event `deliver` gives it. A rejected delivery changes nothing but the message's status
 * and the log, and the search drops that world (search.ts), so when the reaction is a rejection
 * the search counts the delivery without taking the step.
 */
import { agent } from '../terms/index.ts';
import { ROLE_MODULES } from '../roles/index.ts';
import type { MessageRef } from '../scenario/actions.ts';
import { REGISTRATION_MESSAGE_KINDS } from '../vocabulary/message-kinds.ts';
import { findMessage, type World } from '../world/index.ts';

/** Would delivering `ref` now be rejected by its receiver? False when the delivery would be skipped or accepted. */
export function receiverRejects(world: World, ref: MessageRef): boolean {
  const message = findMessage(world.network, ref);
  if (message === undefined || message.status !== 'pending') return false;
  const party = world.parties[message.to];
  if (party === undefined) return false;
  if (world.config.dishonest.includes(message.to) && !(REGISTRATION_MESSAGE_KINDS as readonly string[]).includes(message.kind)) return false;
  const event = { type: message.kind, message: message.term, from: agent(message.from) };
  return ROLE_MODULES[party.role].react(party.snapshot.context as never, event as never).outcome !== 'accepted';
}
