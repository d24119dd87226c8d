/**
 * The attacker's actions on the network (SET.md 9; shared/ARCHITECTURE.md; docs/decisions.md
 * D24, D26, D28): drop, duplicate, replay, redirect, swapOrderData, tamper, substituteCertificate,
 * compromise. `fake` is in fake.ts.
 */
import { crypt, nonce, symCrypt, type Certificate, type Term } from '../terms/index.ts';
import { fieldNames, hasFieldType, locate, replaceAt, scopePath, templateOf, termAt } from '../messages/index.ts';
import { roleOfName } from '../vocabulary/agents.ts';
import type { Compromise, Drop, Duplicate, Redirect, Replay, SubstituteCertificate, SwapOrderData, Tamper } from '../scenario/actions.ts';
import { attackerOpens, freshValue, substituteCertificate as substitute } from './attacker.ts';
import type { Draft } from './draft.ts';
import { findMessage, latestInSession } from './network.ts';
import type { ActionResult, NetworkMessage, World } from './world.ts';

const DONE: ActionResult = { kind: 'done' };
const skipped = (reason: string): ActionResult => ({ kind: 'skipped', reason });

function pending(draft: Draft, ref: Tamper['ref']): NetworkMessage | string {
  const message = findMessage(draft.messages(), ref);
  if (message === undefined) return 'the reference names no message';
  if (message.status !== 'pending') return `the message is ${message.status}`;
  return message;
}

/** A receiver the network can address: a SET party of the world (not the issuer or acquirer). */
function isSetParty(draft: Draft, name: string): boolean {
  const role = roleOfName(name);
  return draft.party(name) !== undefined && role !== 'issuer' && role !== 'acquirer';
}

export function drop(draft: Draft, action: Drop): ActionResult {
  const message = pending(draft, action.ref);
  if (typeof message === 'string') return skipped(message);
  draft.update({ ...message, status: 'dropped' });
  return DONE;
}

function copy(draft: Draft, ref: Replay['ref'], to: string | undefined, origin: 'duplicated' | 'replayed'): ActionResult {
  const message = findMessage(draft.messages(), ref);
  if (message === undefined) return skipped('the reference names no message');
  const receiver = to ?? message.to;
  if (!isSetParty(draft, receiver)) return skipped(`${receiver} is no SET party`);
  draft.put({ ...message, to: receiver, session: message.ref.session, origin });
  return DONE;
}

export function duplicate(draft: Draft, action: Duplicate): ActionResult {
  return copy(draft, action.ref, undefined, 'duplicated');
}

export function replay(draft: Draft, action: Replay): ActionResult {
  return copy(draft, action.ref, action.to, 'replayed');
}

export function redirect(draft: Draft, action: Redirect): ActionResult {
  const message = pending(draft, action.ref);
  if (typeof message === 'string') return skipped(message);
  if (!isSetParty(draft, action.to)) return skipped(`${action.to} is no SET party`);
  draft.update({ ...message, to: action.to });
  return DONE;
}

/** The latest pending PReq of `purchase` gets the OI of `from`'s latest PReq; its PI stays. */
export function swapOrderData(draft: Draft, action: SwapOrderData): ActionResult {
  const target = latestInSession(draft.messages(), action.purchase, 'PReq', true);
  const source = latestInSession(draft.messages(), action.from, 'PReq', false);
  if (target === undefined || source === undefined || target === source) return skipped('no PReq to swap');
  const shape = draft.env.profile.shape;
  const into = scopePath(templateOf('PReq', target.form, shape), 'OI');
  const outOf = scopePath(templateOf('PReq', source.form, shape), 'OI');
  if (into === undefined || outOf === undefined) return skipped('no OI');
  const term = replaceAt(target.term, into, termAt(source.term, outOf));
  draft.update({ ...target, term, alterations: [...target.alterations, { by: 'swapOrderData', from: action.from }] });
  return DONE;
}

const genericNames = new WeakMap<object, ReadonlySet<string>>();

/** A template's field list with list indices as `[]` (memoised per template). */
function genericFieldNames(template: ReturnType<typeof templateOf>): ReadonlySet<string> {
  let names = genericNames.get(template);
  if (names === undefined) genericNames.set(template, (names = new Set(fieldNames(template).map((f) => f.replace(/\[\d+\]/g, '[]')))));
  return names;
}

/** D26. */
export function tamper(draft: Draft, action: Tamper): ActionResult {
  const message = pending(draft, action.ref);
  if (typeof message === 'string') return skipped(message);
  const shape = draft.env.profile.shape;
  const template = templateOf(message.kind, message.form, shape);
  if (!genericFieldNames(template).has(action.field.replace(/\[\d+\]/g, '[]'))) return skipped(`${message.kind} has no field ${action.field}`);
  const opens = attackerOpens(draft.knowledge);
  const location = locate(template, message.term, action.field, opens);
  if (location === undefined) return skipped(`the message has no ${action.field}`);
  let term: Term;
  if (location.sealedBy !== undefined) {
    // inside an envelope it cannot open: the ciphertext's bytes change
    const ciphertext = termAt(message.term, location.sealedBy);
    const junk = nonce(draft.attackerName());
    draft.learn([junk]);
    const garbled = ciphertext.kind === 'crypt' ? crypt(ciphertext.key, junk) : ciphertext.kind === 'symCrypt' ? symCrypt(ciphertext.key, junk) : junk;
    term = replaceAt(message.term, location.sealedBy, garbled);
  } else {
    term = replaceAt(message.term, location.path, replacementValue(draft, message, action.field, location.type, location.value));
  }
  draft.update({ ...message, term, alterations: [...message.alterations, { by: 'tamper', field: action.field, sealed: location.sealedBy !== undefined }] });
  return DONE;
}

/**
 * Where `tamper(ref, field)` would act (D26): on a field in the clear, on the ciphertext of an
 * envelope the attacker cannot open (`sealed`), or inside an envelope it can open, re-encoded
 * (`opened`); undefined when the tamper would be skipped. Scenario generators read it: the
 * implementation's harness does not re-encode inside envelopes (properties/harness/adversary.ts).
 */
export function tamperReach(world: World, ref: Tamper['ref'], field: string): 'clear' | 'sealed' | 'opened' | undefined {
  const message = findMessage(world.network, ref);
  if (message === undefined || message.status !== 'pending') return undefined;
  const template = templateOf(message.kind, message.form, world.env.profile.shape);
  const known = locate(template, message.term, field, attackerOpens(world.knowledge));
  if (known === undefined) return undefined;
  if (known.sealedBy !== undefined) return 'sealed';
  return locate(template, message.term, field, () => false)?.sealedBy === undefined ? 'clear' : 'opened';
}

/** D26: the same field of the most recent other message of the kind, readable and different, else a fresh value. */
function replacementValue(draft: Draft, message: NetworkMessage, field: string, type: Parameters<typeof freshValue>[1], current: Term): Term {
  const shape = draft.env.profile.shape;
  const opens = attackerOpens(draft.knowledge);
  const network = draft.messages();
  for (let i = network.length - 1; i >= 0; i--) {
    const other = network[i]!;
    if (other.seq === message.seq || other.kind !== message.kind) continue;
    const found = locate(templateOf(other.kind, other.form, shape), other.term, field, opens);
    if (found !== undefined && found.sealedBy === undefined && found.value !== current && hasFieldType(found.value, type)) return found.value;
  }
  return freshValue(draft, type, current);
}

/** D28. */
export function substituteCertificate(draft: Draft, action: SubstituteCertificate): ActionResult {
  const message = pending(draft, action.ref);
  if (typeof message === 'string') return skipped(message);
  const template = templateOf(message.kind, message.form, draft.env.profile.shape);
  const opens = attackerOpens(draft.knowledge);
  const candidates = action.certificate !== undefined ? [action.certificate] : fieldNames(template);
  for (const field of candidates) {
    const location = locate(template, message.term, field, opens);
    if (location === undefined || location.type !== 'certificate') continue;
    if (location.sealedBy !== undefined || location.value.kind !== 'cert') return skipped(`${field} is sealed`);
    const replacement = substitute(draft, location.value as Certificate, action.substitute);
    if (replacement === undefined) return skipped(`no ${action.substitute} certificate`);
    draft.learn([replacement]);
    draft.update({
      ...message, term: replaceAt(message.term, location.path, replacement),
      alterations: [...message.alterations, { by: 'substituteCertificate', field, substitute: action.substitute }],
    });
    return DONE;
  }
  return skipped('no such certificate field');
}

export function compromise(draft: Draft, action: Compromise): ActionResult {
  if (draft.party(action.party) === undefined) return skipped(`no party ${action.party}`);
  if (!draft.compromised.includes(action.party)) draft.record({ type: 'compromised', party: action.party });
  draft.compromise(action.party);
  return DONE;
}
