/**
 * A role's answer to one event, computed once from the event's terms and the role's own state
 * (SET.md 8): either a rejection, whose outcome is the first failing check in SET.md 8's order
 * (decode, freshness, session, then the section's checks) and which changes nothing, or an
 * acceptance under a rule named after the SET message (PReqS, AuthResUns, ...) with the next
 * state and the outputs. Guards and actions of the machines read it through `memoised`, so the
 * checks run once per transition.
 */
import type { CaptureCode, Outcome, Rejection } from '../vocabulary/outcomes.ts';
import type { Output } from './outputs.ts';
import { MESSAGE_KINDS } from '../vocabulary/message-kinds.ts';

export interface Rejected {
  readonly outcome: Rejection;
  /** Why, for people reading a trace (not part of the observation). */
  readonly detail?: string;
}
export interface Accepted<C> {
  readonly outcome: 'accepted';
  readonly rule: string;
  readonly next: C;
  readonly outputs: readonly Output[];
  /** SET.md 6.2: a CapReq's item codes, in item order (part of the observation). */
  readonly items?: readonly CaptureCode[];
}
export type Reaction<C> = Rejected | Accepted<C>;

export function reject(outcome: Rejection, detail?: string): Rejected {
  return detail === undefined ? { outcome } : { outcome, detail };
}

export function accept<C>(rule: string, next: C, outputs: readonly Output[] = []): Accepted<C> {
  return { outcome: 'accepted', rule, next, outputs };
}

export function isAccepted<C>(reaction: Reaction<C>): reaction is Accepted<C> {
  return reaction.outcome === 'accepted';
}

export function outcomeOf(reaction: Reaction<unknown>): Outcome {
  return reaction.outcome;
}

const KINDS: ReadonlySet<string> = new Set(MESSAGE_KINDS);

/**
 * A delivery's content as a key: its kind, the message term and the sender (both interned). A
 * delivery carries nothing else (model/roles/common.ts `Delivery`); any other event has no key.
 */
function deliveryKey(event: unknown): string | undefined {
  const e = event as { type?: unknown; message?: { id?: unknown }; from?: { id?: unknown } };
  if (typeof e.type !== 'string' || !KINDS.has(e.type) || typeof e.message?.id !== 'number' || typeof e.from?.id !== 'number') return undefined;
  return `${e.type}|${e.message.id}|${e.from.id}`;
}

/**
 * A pure function of (state, event) remembered: for the last pair (the guard, the emit action and
 * the assign action of one transition all ask with the same two objects), and for deliveries per
 * state object and event content, so the same message delivered to an unchanged party in another
 * world of the explorer (states are shared between worlds; terms are interned) is not checked
 * again. Sound because the reaction reads nothing but the state and the event.
 */
export function memoised<C, E>(react: (state: C, event: E) => Reaction<C>): (state: C, event: E) => Reaction<C> {
  let lastState: C | undefined;
  let lastEvent: E | undefined;
  let last: Reaction<C> | undefined;
  const deliveries = new WeakMap<object, Map<string, Reaction<C>>>();
  return (state, event) => {
    if (state === lastState && event === lastEvent && last !== undefined) return last;
    const key = deliveryKey(event);
    let perState: Map<string, Reaction<C>> | undefined;
    let reaction: Reaction<C> | undefined;
    if (key !== undefined) {
      perState = deliveries.get(state as object);
      if (perState === undefined) deliveries.set(state as object, (perState = new Map()));
      reaction = perState.get(key);
    }
    if (reaction === undefined) {
      reaction = react(state, event);
      perState?.set(key!, reaction);
    }
    lastState = state;
    lastEvent = event;
    last = reaction;
    return reaction;
  };
}
