/**
 * The adversarial actions the explorer tries in a world (SET.md 9; shared/ARCHITECTURE.md): a
 * finite alphabet computed from the world, every action of the scenario language but `drop` and
 * `advanceClock`:
 *
 * - on messages: `duplicate` of a delivered message to its honest receiver, `replay` of it to each
 *   other honest party of its receiver's role, and `redirect` of a pending one there (a party of
 *   another role takes no message of this kind, D15: `unexpected`); on pending messages
 *   to an honest party, `tamper` of every field of the kind's field list (D26),
 *   `substituteCertificate` of every certificate field with each of the six substitutes (D28),
 *   and `swapOrderData` between the PReqs of two purchases; the fakes of fake-templates.ts;
 * - enablers: `compromise` of each cardholder and merchant the attacker does not control yet
 *   (compromising a gateway, a bank or a CA makes every goal unclaimed, SET.md 12), and the world
 *   events an attacker profits from, once per party: `revoke` of a cardholder or merchant, `block`
 *   of a card, each where the next delivery can show it (see `enablers`).
 *
 * A copy of a pending message is not offered: delivering the original first and copying it then
 * gives the same worlds up to the copies' references (the receivers are different parties, or the
 * same one, which treats a copy as the original). Left out, with the reason: `drop`, since a dropped message differs from one left pending and
 * never delivered only in that it can no longer be delivered (no goal reads a message's status),
 * so a trace with a drop is matched by the same trace without it; `advanceClock`, since every
 * certificate and card of the exploration is valid for a year and no variant skips a date check.
 */
import { fieldNames, templateOf } from '../messages/index.ts';
import { roleOfName } from '../vocabulary/agents.ts';
import type { Action, CertificateSubstitute, MessageRef } from '../scenario/actions.ts';
import type { CardholderState, IssuerState } from '../roles/index.ts';
import { ISSUER } from '../vocabulary/agents.ts';
import type { Term } from '../terms/index.ts';
import type { NetworkMessage, World } from '../world/index.ts';
import { fakeMoves, fakesFrom } from './fake-templates.ts';

export const SUBSTITUTES: readonly CertificateSubstitute[] = ['forged', 'expired', 'revoked', 'wrongUsage', 'wrongType', 'otherParty'];

/** An adversarial move: an enabler (no message), or an action on or creating a message. */
export type AdversaryMove =
  | { readonly kind: 'enabler'; readonly action: Action }
  /** `target`: the message changed in place; undefined when the action puts a new message on the network. */
  | { readonly kind: 'message'; readonly action: Action; readonly target?: MessageRef };

const certificateField = (name: string): boolean => /^Cert[SE]?\(/.test(name);

function isHonestReceiver(world: World, name: string): boolean {
  const role = roleOfName(name);
  return world.parties[name] !== undefined && !world.compromised.includes(name) && (role === 'cardholder' || role === 'merchant' || role === 'gateway' || role === 'ca');
}

/** The other honest parties of the receiver's role (the parties a copy or redirect could go to). */
function peersOf(world: World, receiver: string): string[] {
  const role = roleOfName(receiver);
  const names = role === 'cardholder' ? world.config.cardholders : role === 'merchant' ? world.config.merchants : role === 'gateway' ? world.config.gateways : [];
  return names.filter((name) => name !== receiver && !world.compromised.includes(name));
}

const fieldLists = new WeakMap<object, { readonly fields: readonly string[]; readonly certificates: readonly string[] }>();

/** A kind's field list (D26) and its certificate fields (D28), per template. */
function fieldsOf(world: World, m: NetworkMessage): { readonly fields: readonly string[]; readonly certificates: readonly string[] } {
  const template = templateOf(m.kind, m.form, world.env.profile.shape);
  let lists = fieldLists.get(template);
  if (lists === undefined) {
    const fields = fieldNames(template);
    fieldLists.set(template, (lists = { fields, certificates: fields.filter(certificateField) }));
  }
  return lists;
}

/** In-place alterations of a pending message: redirects, and when its receiver is honest, the rest. */
export function alterations(world: World, m: NetworkMessage): AdversaryMove[] {
  if (m.status !== 'pending') return [];
  const moves: AdversaryMove[] = [];
  const alter = (action: Action): void => void moves.push({ kind: 'message', action, target: m.ref });
  for (const to of peersOf(world, m.to)) alter({ type: 'redirect', ref: m.ref, to });
  if (!isHonestReceiver(world, m.to)) return moves;
  const { fields, certificates } = fieldsOf(world, m);
  for (const field of fields) alter({ type: 'tamper', ref: m.ref, field });
  for (const certificate of certificates) for (const substitute of SUBSTITUTES) alter({ type: 'substituteCertificate', ref: m.ref, substitute, certificate });
  if (m.kind === 'PReq') {
    const latestPending = world.network.findLast((x) => x.kind === 'PReq' && x.ref.session === m.ref.session && x.status === 'pending');
    if (latestPending === m) {
      const others = new Set(world.network.filter((x) => x.kind === 'PReq' && x.ref.session !== m.ref.session).map((x) => x.ref.session));
      for (const from of others) alter({ type: 'swapOrderData', purchase: m.ref.session, from });
    }
  }
  return moves;
}

const ownersByTerm = new WeakMap<Term, ReadonlySet<string>>();

/** The parties whose keys the certificates in a term certify (memoised per term). */
function certificateOwners(term: Term): ReadonlySet<string> {
  let owners = ownersByTerm.get(term);
  if (owners !== undefined) return owners;
  const found = new Set<string>();
  switch (term.kind) {
    case 'cert':
      found.add(term.subjectKey.owner);
      break;
    case 'tuple':
      for (const item of term.items) for (const owner of certificateOwners(item)) found.add(owner);
      break;
    case 'crypt':
    case 'symCrypt':
      for (const owner of certificateOwners(term.body)) found.add(owner);
      break;
    default:
      break;
  }
  owners = found;
  ownersByTerm.set(term, owners);
  return owners;
}

/**
 * Enablers. A world event is offered only where its effect can show in the delivery that follows
 * it (moves.ts): `revoke(X)` when a pending message to an honest party carries a certificate of X
 * (a party validates a certificate when a message carries it, SET.md 1, or again at a PRes, which
 * carries it too, D31), or when the attacker controls X (its fakes carry X's certificates);
 * `block(C)` when an AuthReq is pending (a blocked card changes only the issuer's answer to the
 * gateway, SET.md 5.5). Done earlier, either would change no delivery before that one.
 */
function enablers(world: World): AdversaryMove[] {
  const moves: AdversaryMove[] = [];
  const parties = [...world.config.cardholders, ...world.config.merchants];
  for (const party of parties) if (!world.compromised.includes(party)) moves.push({ kind: 'enabler', action: { type: 'compromise', party } });
  const revoked = new Set(world.log.flatMap((e) => (e.type === 'revoked' ? [e.party] : [])));
  const carried = new Set<string>();
  let authorising = false;
  for (const m of world.network) {
    if (m.status !== 'pending' || !isHonestReceiver(world, m.to)) continue;
    for (const owner of certificateOwners(m.term)) carried.add(owner);
    if (m.kind === 'AuthReq') authorising = true;
  }
  for (const party of parties) {
    if (!revoked.has(party) && (carried.has(party) || world.compromised.includes(party))) moves.push({ kind: 'enabler', action: { type: 'revoke', party } });
  }
  if (!authorising) return moves;
  const issuer = world.parties[ISSUER]!.snapshot.context as IssuerState;
  for (const card of world.config.cardholders) {
    const account = Object.values(issuer.accounts).find((a) => a.cardholder === card);
    if (account !== undefined && account.status === 'open' && (world.parties[card]!.snapshot.context as CardholderState).card !== undefined) {
      moves.push({ kind: 'enabler', action: { type: 'block', card } });
    }
  }
  return moves;
}

/**
 * Every adversarial move in a world (the burst rule of moves.ts decides which may follow which),
 * on the messages put on the network after `sinceSeq` (the set-up's messages are out of scope).
 */
export function adversaryMoves(world: World, sinceSeq: number): AdversaryMove[] {
  const moves: AdversaryMove[] = [];
  for (const m of world.network) {
    if (m.status === 'pending' || m.seq <= sinceSeq) continue;
    if (isHonestReceiver(world, m.to)) moves.push({ kind: 'message', action: { type: 'duplicate', ref: m.ref } });
    for (const to of peersOf(world, m.to)) moves.push({ kind: 'message', action: { type: 'replay', ref: m.ref, to } });
  }
  for (const m of world.network) if (m.seq > sinceSeq) moves.push(...alterations(world, m));
  for (const fake of fakeMoves(world, sinceSeq)) moves.push({ kind: 'message', action: fake.action });
  moves.push(...enablers(world));
  return moves;
}

/** What may follow an alteration of message `ref` in the same burst: the fakes made from it (re-signed, re-enveloped). */
export function followUps(world: World, ref: MessageRef): AdversaryMove[] {
  return fakesFrom(world, ref).map((fake): AdversaryMove => ({ kind: 'message', action: fake.action }));
}
