/**
 * Which actions the explorer tries next: the honest alphabet (honest-moves.ts), the adversarial
 * one (adversary-moves.ts), and the *burst rule* that orders them (issue 5 item 7).
 *
 * A burst is what an attack looks like: an action on one message (changing it in place or
 * putting a new one on the network), optionally a fake made from the message it just changed
 * (re-signed or re-enveloped), and then the delivery of that message. The search takes a burst
 * as one move (search.ts); its actions still count one by one against the depth and the
 * adversarial budget. Enablers are single moves, each followed by what it enables: after a world
 * event (revoke, block), which changes what honest parties do, the delivery of any pending
 * message, or a burst (whose delivery then sees the event); after `compromise(X)`, a fake made as X
 * or with X's keys (honest parties act as before, so a compromise shows only in what the attacker
 * does with the secrets), and only when the budget leaves room for one.
 *
 * The rule loses nothing but the order of independent actions: a message the attacker made or
 * changed matters only when it is delivered, and making or changing it just before that delivery
 * is always possible (its knowledge only grows, and references are stable, D22). One alteration
 * per message: a second would change a message its receiver rejects for the first anyway (the
 * checks stop at the first failure), except where one change masks another, which the fakes made
 * from an altered message cover (a substituted gateway certificate, then the PInitRes re-signed).
 */
import type { Action, MessageRef } from '../scenario/actions.ts';
import type { World } from '../world/index.ts';
import { adversaryMoves, followUps } from './adversary-moves.ts';
import { honestMoves } from './honest-moves.ts';
import type { ExploreSettings } from './settings.ts';

export type Phase =
  | { readonly kind: 'free' }
  /** After an enabler: a compromise of `compromised`, or a world event (revoke, block). */
  | { readonly kind: 'armed'; readonly compromised?: string };

export const FREE: Phase = Object.freeze({ kind: 'free' });

export type Move =
  | { readonly kind: 'honest'; readonly action: Action }
  | { readonly kind: 'enabler'; readonly action: Action }
  /** The first action of a burst; `target` is the message it changes in place (undefined: the new one it makes). */
  | { readonly kind: 'burst'; readonly action: Action; readonly target?: MessageRef };

/** What the moves depend on besides the world: the settings, and where the exploration's messages start. */
export interface MoveScope {
  readonly settings: ExploreSettings;
  /** The last message of the set-up (its messages are out of the adversary's scope unless the exploration registers). */
  readonly sinceSeq: number;
}

export function moveScope(start: World, settings: ExploreSettings): MoveScope {
  return { settings, sinceSeq: settings.registrations.length > 0 ? 0 : (start.network.at(-1)?.seq ?? 0) };
}

/** The moves allowed in a world, in a fixed order (honest first), given the phase and the adversarial budget left. */
export function movesIn(world: World, phase: Phase, budgetLeft: number, scope: MoveScope): Move[] {
  const { settings, sinceSeq } = scope;
  const moves: Move[] = [];
  if (phase.kind === 'free') {
    for (const action of honestMoves(world, settings)) moves.push({ kind: 'honest', action });
    if (budgetLeft > 0) {
      for (const move of adversaryMoves(world, sinceSeq)) {
        // a compromise is worth taking only with budget left to use it
        if (move.kind === 'enabler') {
          if (move.action.type !== 'compromise' || budgetLeft > 1) moves.push({ kind: 'enabler', action: move.action });
        } else moves.push({ kind: 'burst', action: move.action, ...(move.target ? { target: move.target } : {}) });
      }
    }
  } else if (phase.compromised === undefined) {
    for (const action of honestMoves(world, settings)) if (action.type === 'deliver') moves.push({ kind: 'honest', action });
    if (budgetLeft > 0) {
      for (const move of adversaryMoves(world, sinceSeq)) if (move.kind === 'message') moves.push({ kind: 'burst', action: move.action, ...(move.target ? { target: move.target } : {}) });
    }
  } else if (budgetLeft > 0) {
    const party = phase.compromised;
    for (const move of adversaryMoves(world, sinceSeq)) {
      if (move.kind === 'message' && uses(move.action, party)) moves.push({ kind: 'burst', action: move.action });
    }
  }
  return moves;
}

/** Does a fake use a party's keys or secrets (made as it, signed or paid with its keys)? */
function uses(action: Action, party: string): boolean {
  return action.type === 'fake' && (action.as === party || Object.values(action.keys ?? {}).includes(party));
}

/** The message a burst delivers: the one its first action changed, or else the one it put on the network. */
export function burstTarget(move: Move & { kind: 'burst' }, next: World): MessageRef {
  return move.target ?? next.network.at(-1)!.ref;
}

/** The fakes that may follow an alteration of `target` inside a burst. */
export function burstFollowUps(world: World, target: MessageRef): Action[] {
  return followUps(world, target).map((move) => move.action);
}
